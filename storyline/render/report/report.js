// storyline report: draws the story embedded in #story-data. Vanilla JS + SVG, no network.
// All article and story text is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("story-data").textContent);
  var S = DATA.story, RAW = DATA.raw || {}, TEXT = DATA.text || {}, WHEN = DATA.when || {};
  var SVGNS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var STATUSES = ["confirmed", "reported", "alleged", "speculated", "denied"];
  var COLORS = { confirmed: "#1a7f37", reported: "#2f6fde", alleged: "#d97706",
    speculated: "#8b5cf6", denied: "#c0392b" };
  var TYPE_COLORS = { PERSON: "#2f6fde", OUTLET: "#d97706", ORG: "#1a7f37", GPE: "#8b5cf6",
    LOC: "#8b5cf6", WORK: "#c0392b" };

  var entities = {}, articles = {}, disputed = {};
  S.entities.forEach(function (e) { entities[e.id] = e; });
  S.articles.forEach(function (a) { articles[a.id] = a; });
  S.contradictions.forEach(function (c) {
    c.subjects.forEach(function (s) { (disputed[s] = disputed[s] || []).push(c); });
  });

  var state = { entity: "", type: "", statuses: {}, disputedOnly: false, all: false, selected: null,
    view: null };
  STATUSES.forEach(function (s) { state.statuses[s] = true; });

  // ------------------------------------------------------------------ helpers
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function sv(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; }
  function day(iso) { return iso ? Date.parse(iso + "T00:00:00Z") : null; }
  function name(id) { return entities[id] ? entities[id].name : id; }
  function label(ev) {
    var who = ev.participants.map(name).join(", ");
    return ev.type.replace(/_/g, " ") + (who ? ": " + who : "");
  }
  function outlet(articleId) {
    var a = articles[articleId];
    return a ? (a.outlet || a.title || a.path) : articleId;
  }
  function fmtDate(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function when(ev) { return WHEN[ev.id] || timeText(ev.time); }  // as story.md words it
  function timeText(t) {
    if (!t) return "undated";
    var range = t.earliest && t.latest && t.earliest !== t.latest
      ? " (" + t.earliest + " to " + t.latest + ")" : "";
    return t.value + range;
  }
  function badge(cls, text) { return el("span", { "class": "badge " + cls }, text); }

  // ------------------------------------------------------------------ filters
  function visible(ev) {
    if (state.entity && ev.participants.indexOf(state.entity) < 0) return false;
    if (state.type && ev.type !== state.type) return false;
    if (!state.statuses[ev.status]) return false;
    if (state.disputedOnly && !disputed[ev.id]) return false;
    // minor events fold unless asked for, or their entity is picked (story/salience.py)
    if (!state.all && !state.entity && ev.salient === false) return false;
    return true;
  }

  function setupControls() {
    var counts = {};
    S.events.forEach(function (ev) {
      ev.participants.forEach(function (p) { counts[p] = (counts[p] || 0) + 1; });
    });
    var fe = document.getElementById("f-entity");
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })
      .forEach(function (id) { fe.appendChild(el("option", { value: id }, name(id) + " (" + counts[id] + ")")); });
    fe.addEventListener("change", function () { state.entity = fe.value; redraw(); });
    var ft = document.getElementById("f-type"), types = {};
    S.events.forEach(function (ev) { types[ev.type] = (types[ev.type] || 0) + 1; });
    Object.keys(types).sort().forEach(function (t) {
      ft.appendChild(el("option", { value: t }, t.replace(/_/g, " ") + " (" + types[t] + ")"));
    });
    ft.addEventListener("change", function () { state.type = ft.value; redraw(); });
    var fs = document.getElementById("f-status");
    STATUSES.forEach(function (s) {
      var lab = el("label"), box = el("input", { type: "checkbox", value: s });
      box.checked = true;
      box.addEventListener("change", function () { state.statuses[s] = box.checked; redraw(); });
      lab.appendChild(box);
      lab.appendChild(badge(s, s));
      fs.appendChild(lab);
    });
    var fd = document.getElementById("f-disputed");
    fd.addEventListener("change", function () { state.disputedOnly = fd.checked; redraw(); });
    var fa = document.getElementById("f-all");
    fa.addEventListener("change", function () { state.all = fa.checked; redraw(); });
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5, null); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(2, null); });
    document.getElementById("zoom-reset").addEventListener("click", function () {
      state.view = null; drawTimeline();
    });
  }

  // ----------------------------------------------------------------- timeline
  var LEFT = 10, RIGHT = 10, TOP = 28, LANE = 24;

  function span(ev) {
    var t = ev.time;
    if (!t || !t.earliest) return null;
    var a = day(t.earliest), b = day(t.latest || t.earliest) + DAY;
    return [a, b];
  }
  function fullDomain() {
    var lo = Infinity, hi = -Infinity;
    S.events.forEach(function (ev) {
      var s = span(ev);
      if (s) { lo = Math.min(lo, s[0]); hi = Math.max(hi, s[1]); }
    });
    if (lo === Infinity) return null;
    var pad = Math.max((hi - lo) * 0.04, 15 * DAY);
    return [lo - pad, hi + pad];
  }
  function zoom(factor, centreMs) {
    var v = state.view || fullDomain();
    if (!v) return;
    var c = centreMs === null ? (v[0] + v[1]) / 2 : centreMs;
    var w = Math.max((v[1] - v[0]) * factor, 3 * DAY);
    var f = (c - v[0]) / (v[1] - v[0]);
    state.view = [c - w * f, c + w * (1 - f)];
    drawTimeline();
  }
  function ticks(v0, v1, px) {
    var steps = [[DAY, "d"], [7 * DAY, "d"], [30.44 * DAY, "m"], [91.3 * DAY, "m"],
      [182.6 * DAY, "m"], [365.25 * DAY, "y"], [2 * 365.25 * DAY, "y"], [5 * 365.25 * DAY, "y"],
      [10 * 365.25 * DAY, "y"]];
    var want = Math.max(2, px / 110), step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) {
      if ((v1 - v0) / steps[i][0] <= want) { step = steps[i]; break; }
    }
    var out = [], d = new Date(v0), t;
    if (step[1] === "y") {
      var n = Math.round(step[0] / (365.25 * DAY));
      var y = Math.ceil(d.getUTCFullYear() / n) * n;
      if (Date.UTC(y, 0, 1) < v0) y += n;  // a year begun before the view would sit in the margin
      for (t = Date.UTC(y, 0, 1); t <= v1; y += n, t = Date.UTC(y, 0, 1)) out.push([t, String(y)]);
    } else if (step[1] === "m") {
      var m = Math.round(step[0] / (30.44 * DAY)), yy = d.getUTCFullYear(), mm = d.getUTCMonth() + 1;
      mm = Math.ceil(mm / m) * m;
      for (t = Date.UTC(yy, mm, 1); t <= v1; mm += m, t = Date.UTC(yy, mm, 1)) {
        out.push([t, new Date(t).toISOString().slice(0, 7)]);
      }
    } else {
      for (t = Math.ceil(v0 / step[0]) * step[0]; t <= v1; t += step[0]) out.push([t, fmtDate(t)]);
    }
    return out;
  }

  function drawTimeline() {
    var svg = clear(document.getElementById("timeline"));
    var width = svg.clientWidth || 900, inner = width - LEFT - RIGHT;
    var v = state.view || fullDomain();
    var shown = S.events.filter(visible);
    var dated = shown.filter(function (ev) { return span(ev); });
    document.getElementById("shown").textContent = shown.length + " of " + S.events.length + " events shown";
    if (!v || !dated.length) {
      svg.setAttribute("height", 60);
      svg.appendChild(sv("text", { x: 20, y: 34, fill: "#667085" },
        S.events.length ? "No dated events match the filters." : "No events in this story."));
      drawUndated(shown);
      return;
    }
    var x = function (ms) { return LEFT + (ms - v[0]) / (v[1] - v[0]) * inner; };
    dated.sort(function (a, b) { return span(a)[0] - span(b)[0] || span(a)[1] - span(b)[1]; });
    var lanes = [], rows = [];
    dated.forEach(function (ev) {
      var s = span(ev), x0 = x(s[0]), x1 = Math.max(x(s[1]), x0 + 6);
      var textW = (label(ev).length + ev.time.value.length + 4) * 6.2;
      var left = x1 + 6 + textW > width - RIGHT && x0 - 6 - textW > LEFT;
      var from = left ? x0 - 6 - textW : x0, end = left ? x1 : x1 + 6 + textW;
      var lane = 0;
      while (lane < lanes.length && lanes[lane] > from - 4) lane++;
      lanes[lane] = end;
      rows.push([ev, lane, x0, x1, left]);
    });
    var height = TOP + lanes.length * LANE + 10;
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    var axis = sv("g", { "class": "axis" });
    ticks(v[0], v[1], inner).forEach(function (t) {
      var tx = x(t[0]);
      if (tx < LEFT || tx + 3 + t[1].length * 7 > width) return;  // no label cut by an edge
      axis.appendChild(sv("line", { x1: tx, x2: tx, y1: 18, y2: height }));
      axis.appendChild(sv("text", { x: tx + 3, y: 13 }, t[1]));
    });
    svg.appendChild(axis);
    rows.forEach(function (r) {
      var ev = r[0], y = TOP + r[1] * LANE, w = r[3] - r[2];
      var ranged = ev.time.earliest !== (ev.time.latest || ev.time.earliest);
      var cls = "ev " + (ranged ? "range" : "point") + (disputed[ev.id] ? " disputed" : "")
        + (state.selected === ev.id ? " selected" : "");
      var g = sv("g", { "class": cls, "data-event-id": ev.id, tabindex: 0, role: "button" });
      var color = COLORS[ev.status] || "#667085";
      g.appendChild(sv("title", null, label(ev) + " | " + when(ev) + " | " + ev.status
        + (disputed[ev.id] ? " | contradicted" : "")));
      g.appendChild(sv("rect", { "class": "bar", x: r[2], y: y + 3, width: w, height: LANE - 8,
        rx: ranged ? 2 : 3, fill: color, stroke: color }));
      if (ranged) {  // end caps make the uncertainty explicit
        g.appendChild(sv("rect", { x: r[2], y: y + 3, width: 2, height: LANE - 8, fill: color }));
        g.appendChild(sv("rect", { x: r[3] - 2, y: y + 3, width: 2, height: LANE - 8, fill: color }));
      }
      g.appendChild(sv("text", r[4] ? { x: r[2] - 5, y: y + LANE / 2 + 4, "text-anchor": "end" }
        : { x: r[3] + 5, y: y + LANE / 2 + 4 },
        (disputed[ev.id] ? "\u26A0 " : "") + label(ev) + "  " + ev.time.value));
      g.addEventListener("click", function (e) { e.stopPropagation(); select(ev.id); });
      g.addEventListener("keydown", function (e) { if (e.key === "Enter") select(ev.id); });
      svg.appendChild(g);
    });
    drawUndated(shown);
  }

  function drawUndated(shown) {
    var box = clear(document.getElementById("undated"));
    var und = shown.filter(function (ev) { return !span(ev); });
    if (!und.length) return;
    box.appendChild(el("span", { "class": "muted" }, "Undated: "));
    und.forEach(function (ev) {
      var known = ev.time && ev.time.value ? " (" + when(ev) + ")" : "";
      var b = el("button", { "class": "link", "data-event-id": ev.id }, label(ev) + known);
      b.addEventListener("click", function () { select(ev.id); });
      box.appendChild(b);
    });
  }

  function setupPanZoom() {
    var svg = document.getElementById("timeline"), drag = null;
    function msAt(clientX) {
      var v = state.view || fullDomain(), r = svg.getBoundingClientRect();
      return v[0] + (clientX - r.left - LEFT) / (r.width - LEFT - RIGHT) * (v[1] - v[0]);
    }
    svg.addEventListener("wheel", function (e) {
      if (!fullDomain()) return;
      e.preventDefault();
      zoom(e.deltaY < 0 ? 0.8 : 1.25, msAt(e.clientX));
    }, { passive: false });
    svg.addEventListener("mousedown", function (e) {
      if (!fullDomain()) return;
      drag = { x: e.clientX, view: (state.view || fullDomain()).slice(), moved: false };
      svg.classList.add("dragging");
    });
    window.addEventListener("mousemove", function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect(), dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) drag.moved = true;
      var shift = dx / (r.width - LEFT - RIGHT) * (drag.view[1] - drag.view[0]);
      state.view = [drag.view[0] - shift, drag.view[1] - shift];
      drawTimeline();
    });
    window.addEventListener("mouseup", function () { drag = null; svg.classList.remove("dragging"); });
    window.addEventListener("resize", function () { drawTimeline(); });
  }

  // ------------------------------------------------------------------ evidence
  function chain(m) {
    var parts = [], src = m.source || { kind: "author", via: [] };
    var origin = src.name ? src.name + " (" + src.kind.replace(/_/g, " ") + ")" : src.kind.replace(/_/g, " ");
    parts.push(origin);
    (src.via || []).forEach(function (v) { parts.push(v); });
    var out = outlet(m.article);
    if (parts[parts.length - 1] !== out) parts.push(out);
    return parts;
  }

  // Blanked markup leaves runs of spaces: tidy them per piece, so offsets stay exact.
  function tidy(s) { return s.replace(/[ \t]{2,}/g, " ").replace(/\n[ \t]*(\n[ \t]*)+/g, "\n\n"); }
  function articleText(m) {
    var raw = TEXT[m.article] !== undefined ? TEXT[m.article] : RAW[m.article];
    var box = el("div", { "class": "article-text", tabindex: 0 });
    if (raw === undefined) { box.textContent = m.text; return box; }
    var clean = TEXT[m.article] !== undefined ? tidy : function (s) { return s; };
    box.appendChild(document.createTextNode(clean(raw.slice(0, m.start)).trimStart()));
    box.appendChild(el("mark", { title: "exact evidence: characters " + m.start + "-" + m.end },
      clean(raw.slice(m.start, m.end)).trim() || m.text));
    box.appendChild(document.createTextNode(clean(raw.slice(m.end))));
    return box;
  }

  function evidenceCard(m) {
    var card = el("div", { "class": "evidence" });
    var a = articles[m.article] || {};
    var head = el("div", { "class": "chain" });
    chain(m).forEach(function (p, i) {
      if (i) head.appendChild(document.createTextNode(" \u2192 "));
      head.appendChild(el("b", null, p));
    });
    head.appendChild(document.createTextNode("  "));
    head.appendChild(badge("cert", m.certainty));
    var pub = a.published ? a.published.value : "date unknown";
    head.appendChild(el("span", null, " " + (a.title || a.path || m.article) + ", " + pub));
    card.appendChild(head);
    card.appendChild(articleText(m));
    return card;
  }

  function select(id) {
    state.selected = id;
    if (history.replaceState) history.replaceState(null, "", "#event=" + encodeURIComponent(id));
    drawTimeline();
    var ev = S.events.filter(function (e) { return e.id === id; })[0];
    var box = clear(document.getElementById("detail"));
    box.appendChild(el("h2", null, "Evidence"));
    if (!ev) { box.appendChild(el("p", { "class": "hint" }, "No such event.")); return; }
    box.setAttribute("data-event-id", id);
    box.appendChild(el("div", { "class": "event-head" }, label(ev)));
    var meta = el("p");
    meta.appendChild(badge(ev.status, ev.status));
    meta.appendChild(document.createTextNode(" " + when(ev)
      + (ev.place ? " \u00B7 " + ev.place : "") + (ev.detail ? " \u00B7 " + ev.detail : "")));
    box.appendChild(meta);
    var sup = ev.support || {};
    box.appendChild(el("p", null, (sup.articles || 0) + " article(s), "
      + (sup.independent_sources || 0) + " independent source(s)"
      + (sup.origins && sup.origins.length ? ": " + sup.origins.join("; ") : "")));
    (disputed[ev.id] || []).forEach(function (c) {
      box.appendChild(el("div", { "class": "warn" }, "Contradicted (" + c.kind + "): " + c.explanation));
    });
    ev.mentions.forEach(function (m) { box.appendChild(evidenceCard(m)); });
    // Scroll each article box so its highlighted sentence is in view (not the page).
    Array.prototype.forEach.call(box.querySelectorAll(".article-text"), function (t) {
      var mk = t.querySelector("mark");
      if (mk) t.scrollTop = Math.max(0, mk.offsetTop - t.offsetTop - 40);
    });
  }

  // ------------------------------------------------------------------ graph
  function drawGraph() {
    var svg = clear(document.getElementById("graph"));
    var W = svg.clientWidth || 500, H = svg.clientHeight || 420;
    var degree = {}, edges = {}, ids;
    function bump(a, b, kind, lab) {
      if (a === b || !entities[a] || !entities[b]) return;
      var k = a < b ? a + "|" + b : b + "|" + a;
      var e = edges[k] || (edges[k] = { a: a, b: b, kind: "co", labels: {}, n: 0 });
      if (kind === "rel") e.kind = "rel";
      e.labels[lab] = true; e.n++;
      degree[a] = (degree[a] || 0) + 1; degree[b] = (degree[b] || 0) + 1;
    }
    S.relations.forEach(function (r) { bump(r.subject, r.object, "rel", r.predicate); });
    S.events.forEach(function (ev) {
      for (var i = 0; i < ev.participants.length; i++) {
        for (var j = i + 1; j < ev.participants.length; j++) {
          bump(ev.participants[i], ev.participants[j], "co", ev.type);
        }
      }
    });
    ids = Object.keys(degree).sort(function (a, b) { return degree[b] - degree[a]; }).slice(0, 40);
    if (!ids.length) {  // no links yet: show the most-mentioned entities on a circle
      ids = S.entities.slice().sort(function (a, b) { return b.mentions.length - a.mentions.length; })
        .slice(0, 16).map(function (e) { return e.id; });
    }
    if (!ids.length) {
      svg.appendChild(sv("text", { x: 20, y: 30, fill: "#667085" }, "No entities."));
      return;
    }
    var keep = {}, nodes = ids.map(function (id, i) {
      keep[id] = true;
      var a = 2 * Math.PI * i / ids.length;
      return { id: id, x: W / 2 + Math.cos(a) * W * 0.32, y: H / 2 + Math.sin(a) * H * 0.36, vx: 0, vy: 0 };
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var links = Object.keys(edges).map(function (k) { return edges[k]; })
      .filter(function (e) { return keep[e.a] && keep[e.b]; });
    for (var it = 0; it < 250; it++) {  // a small force layout, run once
      var alpha = 1 - it / 250;
      nodes.forEach(function (p) {
        nodes.forEach(function (q) {
          if (p === q) return;
          var dx = p.x - q.x, dy = p.y - q.y, d2 = dx * dx + dy * dy + 0.01;
          var f = 2200 / d2;
          p.vx += dx * f * alpha * 0.05; p.vy += dy * f * alpha * 0.05;
        });
        p.vx += (W / 2 - p.x) * 0.004; p.vy += (H / 2 - p.y) * 0.004;
      });
      links.forEach(function (l) {
        var p = byId[l.a], q = byId[l.b], dx = q.x - p.x, dy = q.y - p.y;
        var d = Math.sqrt(dx * dx + dy * dy) || 1, f = (d - 110) * 0.02 * alpha;
        p.vx += dx / d * f; p.vy += dy / d * f; q.vx -= dx / d * f; q.vy -= dy / d * f;
      });
      nodes.forEach(function (p) {
        p.x = Math.min(W - 50, Math.max(50, p.x + p.vx)); p.y = Math.min(H - 20, Math.max(20, p.y + p.vy));
        p.vx *= 0.6; p.vy *= 0.6;
      });
    }
    links.forEach(function (l) {
      var p = byId[l.a], q = byId[l.b];
      var line = sv("line", { "class": l.kind, x1: p.x, y1: p.y, x2: q.x, y2: q.y,
        "stroke-width": Math.min(1 + l.n * 0.5, 5) });
      line.appendChild(sv("title", null, name(l.a) + " \u2013 " + name(l.b) + ": "
        + Object.keys(l.labels).join(", ")));
      svg.appendChild(line);
      if (l.kind === "rel") {
        svg.appendChild(sv("text", { "class": "edge-label", x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 - 3,
          "text-anchor": "middle" }, Object.keys(l.labels).join(", ")));
      }
    });
    nodes.forEach(function (n) {
      var e = entities[n.id], r = 5 + Math.min(10, Math.sqrt(e.mentions.length + (degree[n.id] || 0)));
      var g = sv("g", { "class": "node" + (state.entity === n.id ? " active" : ""), "data-entity-id": n.id });
      g.appendChild(sv("title", null, e.name + " (" + e.type + ", " + e.mentions.length + " mentions)"));
      g.appendChild(sv("circle", { cx: n.x, cy: n.y, r: r, fill: TYPE_COLORS[e.type] || "#667085",
        stroke: "#fff", "stroke-width": 1.5 }));
      g.appendChild(sv("text", { x: n.x + r + 3, y: n.y + 4 }, e.name));
      g.addEventListener("click", function () {
        state.entity = state.entity === n.id ? "" : n.id;
        document.getElementById("f-entity").value = state.entity;
        redraw();
      });
      svg.appendChild(g);
    });
  }

  // ------------------------------------------------------- contradictions etc.
  function drawContradictions() {
    var box = document.getElementById("contradictions");
    if (!S.contradictions.length) {
      box.appendChild(el("p", { "class": "muted" }, "No contradictions found between the reports."));
      return;
    }
    S.contradictions.forEach(function (c) {
      var d = el("div", { "class": "contradiction", id: "c-" + c.id });
      d.appendChild(el("div", null)).appendChild(badge("denied", c.kind));
      d.firstChild.appendChild(document.createTextNode(" " + c.explanation));
      c.sides.forEach(function (side) {
        var s = el("div", { "class": "side" });
        s.appendChild(el("b", null, side.claim));
        side.evidence.forEach(function (m) {
          var p = el("div");
          p.appendChild(el("q", null, m.text));
          p.appendChild(el("span", { "class": "muted" }, " \u2014 " + chain(m).join(" \u2192 ") + ", " + m.certainty));
          s.appendChild(p);
        });
        d.appendChild(s);
      });
      var evs = c.subjects.filter(function (id) { return S.events.some(function (e) { return e.id === id; }); });
      if (evs.length) {
        var links = el("div", { "class": "muted" }, "Events: ");
        evs.forEach(function (id) {
          var b = el("button", { "class": "link" }, id);
          b.addEventListener("click", function () { select(id); document.getElementById("detail").scrollIntoView(); });
          links.appendChild(b);
          links.appendChild(document.createTextNode(" "));
        });
        d.appendChild(links);
      }
      box.appendChild(d);
    });
  }

  function drawStates() {
    var input = document.getElementById("state-at"), list = document.getElementById("state-list");
    if (!S.states.length) {
      input.disabled = true;
      list.appendChild(el("p", { "class": "muted" }, "No states derived for this story."));
      return;
    }
    function render() {
      clear(list);
      var at = day(input.value);
      var rows = S.states.filter(function (s) {
        if (at === null) return true;
        var st = s.start && s.start.earliest ? day(s.start.earliest) : -Infinity;
        var en = s.end && (s.end.latest || s.end.earliest) ? day(s.end.latest || s.end.earliest) : Infinity;
        return st <= at && at <= en;
      });
      var t = el("table"), h = el("tr");
      ["subject", "state", "object", "from", "until", "status", "evidence"].forEach(function (c) { h.appendChild(el("th", null, c)); });
      t.appendChild(h);
      rows.forEach(function (s) {
        var r = el("tr");
        [name(s.subject), s.predicate, s.object ? name(s.object) : "", s.start ? s.start.value : "?",
          s.end ? s.end.value : "", s.status, s.evidence.length ? s.evidence[0].text : ""]
          .forEach(function (c) { r.appendChild(el("td", null, c)); });
        t.appendChild(r);
      });
      list.appendChild(rows.length ? t : el("p", { "class": "muted" }, "Nothing known to hold on that date."));
    }
    input.addEventListener("change", render);
    render();
  }

  function drawArticles() {
    var box = document.getElementById("articles"), t = el("table"), h = el("tr");
    ["id", "outlet", "published", "status", "input"].forEach(function (c) { h.appendChild(el("th", null, c)); });
    t.appendChild(h);
    S.articles.forEach(function (a) {
      var r = el("tr");
      var status = a.status + (a.problem ? ": " + a.problem : "") + (a.duplicate_of ? " of " + a.duplicate_of : "");
      var pub = a.published ? a.published.value + " (" + a.published.method + ")" : "";
      [a.id, a.outlet || "", pub, status, a.path].forEach(function (c) { r.appendChild(el("td", null, c)); });
      t.appendChild(r);
    });
    box.appendChild(t);
  }

  function redraw() {
    drawTimeline();
    drawGraph();
  }

  function init() {
    var used = S.articles.filter(function (a) { return a.status === "ok"; }).length;
    document.getElementById("summary").textContent = S.articles.length + " inputs (" + used
      + " used) \u00B7 " + S.events.length + " events \u00B7 " + S.entities.length + " entities \u00B7 "
      + S.contradictions.length + " contradictions";
    document.getElementById("footer").textContent = "storyline " + S.pipeline_version + " \u00B7 "
      + S.schema + " \u00B7 works offline: everything is in this file.";
    setupControls();
    setupPanZoom();
    redraw();
    drawContradictions();
    drawStates();
    drawArticles();
    var m = /#event=([^&]+)/.exec(location.hash);
    if (m) select(decodeURIComponent(m[1]));
  }
  init();
})();
