/* The map page: country outlines (Natural Earth, TopoJSON) and events as circles.
   Everything comes from this app: no tiles, no other host. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }

  var PALETTE = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
  var OTHER = "#6b7280";

  var map = L.map(el, { worldCopyJump: false, minZoom: 2, maxZoom: 12, zoomSnap: 0.25,
                        attributionControl: true, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
  map.setView([30, 40], 2);

  function text(s) { return s === null || s === undefined ? "" : String(s); }
  function esc(s) {
    return text(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function pairOf(p) {
    return (p.from_party || p.from_name || "?") + " → " + (p.to_party || p.to_name || "(no side)");
  }
  function radius(p) {
    var n = p.people_max || p.people_min || 1;
    return Math.max(5, Math.min(34, 4 + 4 * Math.sqrt(n)));
  }
  function peopleText(p) {
    if (p.people_min === null || p.people_min === undefined) { return "number not given"; }
    return p.people_min === p.people_max || p.people_max === null ? p.people_min + " people"
      : p.people_min + "–" + p.people_max + " people";
  }

  function whoOf(p) {
    if (p.defector_name) { return p.defector_name; }
    if (p.defector_role) { return p.defector_role.charAt(0).toUpperCase() + p.defector_role.slice(1); }
    var from = p.from_name || p.from_party, n = peopleText(p);
    return (p.people_min === null || p.people_min === undefined ? "Unnamed group" : n) + (from ? " from " + from : "");
  }
  function placeOf(p) {
    var seen = [];
    [p.place, p.admin2, p.admin1, p.country].forEach(function (x) { if (x && seen.indexOf(x) < 0) { seen.push(x); } });
    return seen.join(", ");
  }

  function drawOutlines(topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, { interactive: false,
      style: { color: "#94a3b8", weight: 0.7, fillColor: "#f1f5f9", fillOpacity: 1 } }).addTo(map);
  }

  function drawEvents(fc) {
    var counts = {};
    fc.features.forEach(function (f) { var k = pairOf(f.properties); counts[k] = (counts[k] || 0) + 1; });
    var pairs = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    var colour = {};
    pairs.forEach(function (k, i) { colour[k] = i < PALETTE.length ? PALETTE[i] : OTHER; });
    var feats = fc.features.slice().sort(function (a, b) { return radius(b.properties) - radius(a.properties); });
    var layer = L.featureGroup();
    feats.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var m = L.circleMarker([c[1], c[0]], { radius: radius(p), color: "#fff", weight: 1.2,
        fillColor: colour[pairOf(p)], fillOpacity: p.stage === "offered" ? 0.35 : 0.78,
        dashArray: p.contested ? "3 2" : null, className: "event-marker" });
      var who = whoOf(p);
      m.bindPopup("<strong><a href=\"/events/" + encodeURIComponent(p.id) + "\">" + esc(who) + "</a></strong><br>" +
        esc(p.kind) + (p.stage === "offered" ? " (offered)" : "") + (p.contested ? " · contested" : "") + "<br>" +
        esc(pairOf(p)) + "<br>" + esc(peopleText(p)) + "<br>" +
        esc(placeOf(p)) + "<br>" +
        esc(p.date_earliest === p.date_latest ? p.date_earliest : text(p.date_earliest) + " – " + text(p.date_latest)));
      m.bindTooltip(esc(who) + " · " + esc(pairOf(p)));
      layer.addLayer(m);
    });
    layer.addTo(map);
    if (feats.length) { map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 6 }); }
    legend(pairs, counts, colour);
  }

  function legend(pairs, counts, colour) {
    var ul = document.getElementById("legend-items");
    ul.textContent = "";
    if (!pairs.length) { var li0 = document.createElement("li"); li0.className = "muted";
      li0.textContent = "No events with coordinates."; ul.appendChild(li0); }
    var shown = pairs.slice(0, PALETTE.length);
    shown.forEach(function (k) {
      var li = document.createElement("li"), sw = document.createElement("span");
      sw.className = "swatch"; sw.style.background = colour[k];
      li.appendChild(sw); li.appendChild(document.createTextNode(k + " (" + counts[k] + ")"));
      ul.appendChild(li);
    });
    if (pairs.length > shown.length) {
      var rest = pairs.slice(shown.length).reduce(function (s, k) { return s + counts[k]; }, 0);
      var li2 = document.createElement("li"), sw2 = document.createElement("span");
      sw2.className = "swatch"; sw2.style.background = OTHER;
      li2.appendChild(sw2); li2.appendChild(document.createTextNode("other directions (" + rest + ")"));
      ul.appendChild(li2);
    }
    var sizes = document.getElementById("size-legend");
    sizes.textContent = "";
    [1, 10, 100].forEach(function (n) {
      var li = document.createElement("li"), dot = document.createElement("span"), r = radius({ people_max: n });
      dot.className = "size-dot"; dot.style.width = dot.style.height = (2 * r) + "px";
      li.appendChild(dot); li.appendChild(document.createTextNode(n + (n === 1 ? " person / unknown" : " people")));
      sizes.appendChild(li);
    });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { return r.json().then(function (b) { throw new Error(b.error || r.statusText); }); }
      return r.json();
    });
  }

  getJSON(el.dataset.outlines).then(drawOutlines).catch(function (e) { console.warn("outlines:", e.message); })
    .then(function () { return getJSON(el.dataset.geojson); })
    .then(drawEvents)
    .then(function () { el.dataset.ready = "true"; })
    .catch(function (e) {
      var ul = document.getElementById("legend-items");
      ul.textContent = "Could not load events: " + e.message;
      el.dataset.ready = "error";
    });
})();
