"""The validated lexicon is kept in the user's cache, keyed by the files' content; start-up stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sideswitch.errors import LexiconError
from sideswitch.lexicon.loader import cache_dir, cached, load_yaml

SCHEMA = {
    "type": "object",
    "required": ["words"],
    "properties": {"words": {"type": "array", "items": {"type": "string"}}},
}


def test_a_validated_file_is_read_back_and_a_changed_one_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SIDESWITCH_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "words.yaml"
    f.write_text("words: [alpha, beta]\n", encoding="utf-8")
    assert load_yaml(f, SCHEMA) == {"words": ["alpha", "beta"]}
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    assert load_yaml(f, SCHEMA) == {"words": ["alpha", "beta"]}
    f.write_text("words: [alpha, 3]\n", encoding="utf-8")  # the old entry must not answer for it
    with pytest.raises(LexiconError, match="line 1"):
        load_yaml(f, SCHEMA)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1  # nothing kept for a bad file


def test_a_damaged_or_unwritable_cache_is_not_used(tmp_path, monkeypatch):
    f = tmp_path / "words.yaml"
    f.write_text("words: [gamma]\n", encoding="utf-8")
    monkeypatch.setenv("SIDESWITCH_CACHE_DIR", str(tmp_path / "cache"))
    load_yaml(f, SCHEMA)
    for entry in (tmp_path / "cache").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_yaml(f, SCHEMA) == {"words": ["gamma"]}
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SIDESWITCH_CACHE_DIR", str(blocker / "below"))  # cannot be made
    assert load_yaml(f, SCHEMA) == {"words": ["gamma"]}
    assert cached(["x"], lambda: 41 + 1) == 42


def test_cache_dir_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("SIDESWITCH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "sideswitch" / "lexicon"
    monkeypatch.setenv("SIDESWITCH_CACHE_DIR", "")
    assert cache_dir() is None


def test_help_imports_no_numerical_or_parsing_library():
    code = (
        "import sys\n"
        "from sideswitch.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'ruptures', 'spacy', 'datasketch', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
