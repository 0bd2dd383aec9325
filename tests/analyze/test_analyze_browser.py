"""The brief opens in headless Chromium and makes no request beyond file:// and data:."""

import re

import pytest

pytestmark = pytest.mark.browser


def open_offline(browser, path):
    """Open ``path`` with every request routed: local ones pass, others are aborted. Returns (page, urls)."""
    seen = []

    def handle(route):
        seen.append(route.request.url)
        route.continue_() if route.request.url.startswith(("file://", "data:")) else route.abort()

    page = browser.new_page()
    page.route("**/*", handle)
    page.on("request", lambda req: seen.append(req.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("networkidle")
    return page, seen


def test_brief_makes_no_external_requests(browser, tmp_path, make_monthly, make_contract_event):
    from sideswitch.analyze import write_brief

    evs = make_monthly([1] * 20 + [4] * 12)
    evs += [make_contract_event("p1", "2012-02-10", actor="X1"), make_contract_event("p2", "2013-06-10", actor="X1")]
    html = write_brief(evs, tmp_path / "brief.html", title="Offline brief").read_text(encoding="utf-8")
    # The brief forbids loads with a Content-Security-Policy; test without it, so that any
    # external reference in the page would really be requested (and caught here).
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', html)
    assert csp and "default-src 'none'" in csp.group(0)
    path = tmp_path / "brief-no-csp.html"
    path.write_text(html.replace(csp.group(0), ""), encoding="utf-8")
    page, seen = open_offline(browser, path)
    assert page.title() == "Offline brief"
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth)")
    assert len(widths) == 2 and all(w > 0 for w in widths)
    assert seen and all(u.startswith(("file://", "data:")) for u in seen), seen


def test_the_harness_sees_external_requests(browser, tmp_path):
    path = tmp_path / "control.html"
    path.write_text('<!DOCTYPE html><img src="https://example.invalid/x.png">', encoding="utf-8")
    _, seen = open_offline(browser, path)
    assert "https://example.invalid/x.png" in seen
