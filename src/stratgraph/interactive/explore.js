// stratgraph's interactive map: draws the layered layout as SVG and wires search, filters, hover
// cards and lines of sight. Every text from the map goes into the page through textContent or
// an attribute value, never through markup, so a title holding HTML shows as written.
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var UX = 130, UY = 150, BW = 116, BH = 56, MARGIN = 40, READABLE = 0.3, LINE = 18, LISTED = 200;
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#000000", "#7F7F7F", "#8C564B", "#17BECF", "#BCBD22"];
  var NONE_COLOUR = "#FFFFFF";

  var data = JSON.parse(document.getElementById("sg-data").textContent);
  var W = data.words;
  var app = document.getElementById("sg-app");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { for (var k in attrs) { node.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) { node.setAttribute(k, attrs[k]); }
    return node;
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return String(values[key]); });
  }
  function fold(text) {
    return String(text).normalize("NFC").toLocaleLowerCase("da");
  }

  var state = window.sgExplore = { selected: null, chain: [], shown: 0, painted: false };
  var nodes = data.nodes;
  if (!nodes.length) {
    app.appendChild(el("p", { "class": "sg-empty", id: "sg-empty" }, W.empty));
    state.painted = true;
    return;
  }

  // -- the hierarchy, for lines of sight ----------------------------------------------------
  var up = nodes.map(function () { return []; });
  var down = nodes.map(function () { return []; });
  data.edges.forEach(function (e, k) { up[e[1]].push([e[0], k]); down[e[0]].push([e[1], k]); });
  function walk(start, next, seenNodes, seenEdges) {
    var stack = [start];
    while (stack.length) {
      var v = stack.pop();
      next[v].forEach(function (pair) {
        seenEdges[pair[1]] = true;
        if (!seenNodes[pair[0]]) { seenNodes[pair[0]] = true; stack.push(pair[0]); }
      });
    }
  }

  // -- page structure -------------------------------------------------------------------------
  var bar = el("div", { "class": "sg-bar" });
  var search = el("input", { type: "search", id: "sg-search", placeholder: W.search,
    "aria-label": W.search, autocomplete: "off" });
  var results = el("ul", { id: "sg-results", "class": "sg-results" });
  var searchBox = el("div", { "class": "sg-searchbox" });
  searchBox.appendChild(search); searchBox.appendChild(results);
  bar.appendChild(searchBox);

  function select(id, label, options) {
    var wrap = el("label", { "class": "sg-field" }, label + " ");
    var box = el("select", { id: id });
    options.forEach(function (o) { box.appendChild(el("option", { value: o[0] }, o[1])); });
    wrap.appendChild(box); bar.appendChild(wrap);
    return box;
  }
  function distinct(values) {
    // A Map, not {}: an owner named "constructor" or "__proto__" is a value, not a builtin.
    var seen = new Map(), out = [];
    values.forEach(function (v) { if (v !== null && v !== undefined && !seen.has(v)) { seen.set(v, 1); out.push(v); } });
    return out.sort(function (a, b) { return a.localeCompare(b, "da"); });
  }
  var owners = distinct(nodes.map(function (n) { return n.owner; }));
  var agendas = distinct([].concat.apply([], nodes.map(function (n) { return n.agenda; })));
  var statuses = distinct(nodes.map(function (n) { return n.status; }));
  var codes = distinct([].concat.apply([], nodes.map(function (n) {
    return n.findings.map(function (f) { return f[0]; });
  })));
  var colorChoices = [["level", W.level], ["owner", W.owner], ["agenda", W.agenda]];
  if (statuses.length) { colorChoices.push(["status", W.status]); }
  var colorBy = select("sg-color", W.color_by, colorChoices);
  colorBy.value = data.color_by === "status" && !statuses.length ? "level" : data.color_by;
  var all = [["", W.all]];
  var ownerBox = select("sg-owner", W.owner, all.concat(owners.map(function (o) { return [o, o]; })));
  var agendaBox = select("sg-agenda", W.agenda, all.concat(agendas.map(function (a) { return [a, a]; })));
  var findingBox = select("sg-finding", W.finding, all.concat([["*", W.any_finding], ["-", W.no_finding]],
    ["error", "warning", "info"].map(function (s) { return ["sev:" + s, W["sev_" + s]]; }),
    codes.map(function (c) { return [c, c]; })));

  var levelsUsed = Object.create(null);
  nodes.forEach(function (n) { levelsUsed[n.level] = true; });
  var levelBox = el("fieldset", { id: "sg-levels", "class": "sg-levels" });
  levelBox.appendChild(el("legend", null, W.level));
  data.levels.forEach(function (level, r) {
    if (!levelsUsed[r]) { return; }
    var wrap = el("label", null);
    var tick = el("input", { type: "checkbox", value: String(r), "data-level": level.name });
    tick.checked = true;
    wrap.appendChild(tick); wrap.appendChild(document.createTextNode(" " + level.label));
    levelBox.appendChild(wrap);
  });
  bar.appendChild(levelBox);
  var fit = el("button", { type: "button", id: "sg-fit" }, W.reset);
  bar.appendChild(fit);
  var status = el("span", { id: "sg-status", "class": "sg-status" });
  bar.appendChild(status);
  app.appendChild(bar);

  var main = el("div", { "class": "sg-main" });
  var view = el("div", { id: "sg-view", "class": "sg-view" });
  var stage = el("div", { id: "sg-stage", "class": "sg-stage" });
  view.appendChild(stage);
  var side = el("aside", { "class": "sg-side" });
  side.appendChild(el("h2", null, W.chain));
  var hint = el("p", { "class": "sg-hint" }, W.chain_hint);
  side.appendChild(hint);
  var chainList = el("ol", { id: "sg-chain", "class": "sg-chain" });
  side.appendChild(chainList);
  // What the filters left, as a list to click through (the drawing may be too wide to read).
  var shownHead = el("h2", null, W.shown_list);
  var shownList = el("ul", { id: "sg-shown", "class": "sg-shown" });
  shownHead.hidden = shownList.hidden = true;
  side.appendChild(shownHead); side.appendChild(shownList);
  var legend = el("ul", { id: "sg-legend", "class": "sg-legend" });
  side.appendChild(legend);
  // The level names live in a column of their own beside the map, so they never cover a box.
  var gutter = el("div", { id: "sg-gutter", "class": "sg-gutter" });
  main.appendChild(gutter); main.appendChild(view); main.appendChild(side);
  // Where the window is along a map wider than it: a bar at the bottom of the view.
  var overview = el("div", { id: "sg-overview", "class": "sg-overview", title: W.overview });
  var overviewWindow = el("div", { "class": "sg-overview-window" });
  overview.appendChild(overviewWindow);
  view.appendChild(overview);
  app.appendChild(main);
  var card = el("div", { id: "sg-card", "class": "sg-card", role: "tooltip" });
  card.hidden = true;
  app.appendChild(card);

  // -- the drawing ----------------------------------------------------------------------------
  var minX = Infinity, maxX = -Infinity, maxY = 0;
  nodes.forEach(function (n) {
    minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); maxY = Math.max(maxY, n.y);
  });
  function px(x) { return MARGIN + (x - minX) * UX; }
  function py(y) { return MARGIN + (maxY - y) * UY; }
  var width = px(maxX) + BW + MARGIN, height = py(0) + BH + MARGIN;
  var root = svg("svg", { id: "sg-svg", width: width, height: height,
    viewBox: "0 0 " + width + " " + height });
  stage.style.width = width + "px"; stage.style.height = height + "px";
  var edgeGroup = svg("g", { "class": "sg-edges" });
  var nodeGroup = svg("g", { "class": "sg-nodes" });
  root.appendChild(edgeGroup); root.appendChild(nodeGroup);
  // The level names follow the rows as the map pans and zooms, in the gutter beside it.
  var rowY = Object.create(null);
  nodes.forEach(function (n) { rowY[n.y] = n.level; });
  var rowLabels = el("div", { "class": "sg-rowlabels" });
  var labelEls = Object.keys(rowY).map(function (y) {
    var label = el("div", { "class": "sg-rowlabel" }, data.levels[rowY[y]].label);
    rowLabels.appendChild(label);
    return [label, py(Number(y)) + BH / 2];
  });
  gutter.appendChild(rowLabels);
  function placeLabels(scale, y) {
    // Zoomed far out the rows are closer than a label is tall: the labels would pile up.
    rowLabels.hidden = UY * scale < 22;
    labelEls.forEach(function (pair) { pair[0].style.top = (pair[1] + y) * scale + "px"; });
  }

  var edgeEls = data.edges.map(function (e) {
    var a = nodes[e[0]], b = nodes[e[1]], d;
    if (a.y === b.y) {  // nesting within a row: from the parent's side to the child's
      d = "M" + (px(a.x) + BW) + "," + (py(a.y) + BH / 2) + "L" + px(b.x) + "," + (py(b.y) + BH / 2);
    } else {
      d = "M" + (px(a.x) + BW / 2) + "," + (py(a.y) + BH);
      e[2].forEach(function (p) {
        d += "L" + (px(p[0]) + BW / 2) + "," + (py(p[1]) + BH / 2);
      });
      d += "L" + (px(b.x) + BW / 2) + "," + py(b.y);
    }
    var path = svg("path", { d: d, "class": "sg-edge" });
    edgeGroup.appendChild(path);
    return path;
  });

  function clip(text, size) {
    return text.length > size ? text.slice(0, size - 1) + "…" : text;
  }
  function twoLines(text, size) {
    // Break at the last space that fits, else inside the word; the rest goes on line two.
    if (text.length <= size) { return [text, ""]; }
    var cut = text.lastIndexOf(" ", size);
    if (cut < size / 2) { cut = size - 1; }
    return [text.slice(0, cut), clip(text.slice(cut).trim(), size)];
  }
  var nodeEls = nodes.map(function (n, i) {
    var g = svg("g", { "class": "sg-node", "data-index": String(i), "data-id": n.id,
      transform: "translate(" + px(n.x) + "," + py(n.y) + ")" });
    var worst = n.findings.length ? n.findings[0][1] : "";
    var box = svg("rect", { width: BW, height: BH, rx: 5, "class": "sg-box" + (worst ? " sg-" + worst : "") });
    g.appendChild(box);
    var id = svg("text", { x: 6, y: 15, "class": "sg-id" });
    id.textContent = clip(n.id, 16);
    g.appendChild(id);
    var t1 = svg("text", { x: 6, y: 31, "class": "sg-title" });
    var t2 = svg("text", { x: 6, y: 45, "class": "sg-title" });
    var lines = twoLines(n.title, LINE);
    t1.textContent = lines[0];
    t2.textContent = lines[1];
    g.appendChild(t1); g.appendChild(t2);
    nodeGroup.appendChild(g);
    return g;
  });
  stage.appendChild(root);

  // -- colours --------------------------------------------------------------------------------
  function categoryOf(n, by) {
    if (by === "level") { return data.levels[n.level].label; }
    if (by === "owner") { return n.owner; }
    if (by === "agenda") { return n.agenda.length ? n.agenda[0] : null; }
    return n.status;
  }
  function recolour() {
    var by = colorBy.value, colour = new Map(), order = [];
    nodes.forEach(function (n, i) {
      var c = categoryOf(n, by);
      if (c !== null && c !== undefined && !colour.has(c)) {
        colour.set(c, PALETTE[order.length % PALETTE.length]); order.push(c);
      }
      var fill = c === null || c === undefined ? NONE_COLOUR : colour.get(c);
      nodeEls[i].firstChild.style.fill = fill;
      nodeEls[i].setAttribute("data-dark", isDark(fill) ? "1" : "0");
    });
    legend.textContent = "";
    order.forEach(function (c) {
      var item = el("li", null);
      var swatch = el("span", { "class": "sg-swatch" });
      swatch.style.background = colour.get(c);
      item.appendChild(swatch); item.appendChild(document.createTextNode(" " + c));
      legend.appendChild(item);
    });
    if (order.length < nodes.length && nodes.some(function (n) { return categoryOf(n, by) == null; })) {
      var rest = el("li", null);
      var blank = el("span", { "class": "sg-swatch" });
      blank.style.background = NONE_COLOUR;
      rest.appendChild(blank); rest.appendChild(document.createTextNode(" " + W.none));
      legend.appendChild(rest);
    }
  }
  function isDark(hex) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    return 0.299 * r + 0.587 * g + 0.114 * b < 140;
  }

  // -- filters --------------------------------------------------------------------------------
  var visible = nodes.map(function () { return true; });
  var levelOn = Object.create(null);
  function passes(n) {
    if (levelOn[n.level] === false) { return false; }
    if (ownerBox.value && n.owner !== ownerBox.value) { return false; }
    if (agendaBox.value && n.agenda.indexOf(agendaBox.value) < 0) { return false; }
    var f = findingBox.value;
    if (f === "*") { return n.findings.length > 0; }
    if (f === "-") { return n.findings.length === 0; }
    if (f.indexOf("sev:") === 0) {
      return n.findings.some(function (x) { return x[1] === f.slice(4); });
    }
    if (f) { return n.findings.some(function (x) { return x[0] === f; }); }
    return true;
  }
  function refilter() {
    var shown = 0;
    levelBox.querySelectorAll("input").forEach(function (t) { levelOn[t.value] = t.checked; });
    nodes.forEach(function (n, i) {
      visible[i] = passes(n);
      nodeEls[i].style.display = visible[i] ? "" : "none";
      if (visible[i]) { shown += 1; }
    });
    data.edges.forEach(function (e, k) {
      edgeEls[k].style.display = visible[e[0]] && visible[e[1]] ? "" : "none";
    });
    state.shown = shown;
    status.textContent = fmt(W.shown, { n: shown, total: nodes.length });
    listShown(shown);
  }
  function listShown(shown) {
    shownList.textContent = "";
    shownHead.hidden = shownList.hidden = shown === nodes.length;
    if (shown === nodes.length) { return; }
    var listed = 0;
    for (var i = 0; i < nodes.length && listed < LISTED; i += 1) {
      if (!visible[i]) { continue; }
      var item = el("li", { "data-index": String(i), "data-id": nodes[i].id });
      item.appendChild(el("b", null, nodes[i].id + " "));
      item.appendChild(document.createTextNode(nodes[i].title));
      shownList.appendChild(item);
      listed += 1;
    }
    if (shown > listed) { shownList.appendChild(el("li", { "class": "sg-more" }, fmt(W.more_shown, { n: shown - listed }))); }
  }
  shownList.addEventListener("click", function (event) {
    var item = event.target.closest("li[data-index]");
    if (item) { var i = Number(item.getAttribute("data-index")); choose(i); centreOn(i); }
  });

  // -- pan and zoom ---------------------------------------------------------------------------
  // Panzoom draws scale(s) translate(x, y) about the stage's top-left corner: the stage point
  // (cx, cy) is at the view's centre when x = vw / 2s - cx.
  function placing(scale, cx, cy) {
    return { scale: scale, x: view.clientWidth / (2 * scale) - cx, y: view.clientHeight / (2 * scale) - cy };
  }
  function fitting(fromTop) {
    // Fit what the filters show. Fitted whole, a map far wider than the window would be a
    // line of specks: below a readable size, fit the rows' height instead, start at the left
    // (of the top level, when the map opens) and let the user pan, the bar below saying where.
    var shownNodes = nodes.filter(function (_n, i) { return visible[i]; });
    if (!shownNodes.length) { shownNodes = nodes; }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    shownNodes.forEach(function (n) {
      x0 = Math.min(x0, px(n.x)); x1 = Math.max(x1, px(n.x) + BW);
      y0 = Math.min(y0, py(n.y)); y1 = Math.max(y1, py(n.y) + BH);
    });
    x0 -= MARGIN / 2; x1 += MARGIN / 2; y0 -= MARGIN / 2; y1 += MARGIN / 2;
    var vw = view.clientWidth, vh = view.clientHeight;
    var s = Math.min(vw / (x1 - x0), vh / (y1 - y0), 1.2) * 0.98;
    if (s >= READABLE) { return placing(s, (x0 + x1) / 2, (y0 + y1) / 2); }
    s = Math.max(s, Math.min(vh / (y1 - y0) * 0.98, 0.7));
    var left = x0;
    if (fromTop) {
      var topY = Math.max.apply(null, shownNodes.map(function (n) { return n.y; }));
      left = Math.min.apply(null, shownNodes.filter(function (n) { return n.y === topY; })
        .map(function (n) { return px(n.x); })) - MARGIN / 2;
    }
    return placing(s, left + vw / (2 * s), (y0 + y1) / 2);
  }
  function opening() { return fitting(true); }
  var first = opening();
  var pz = window.Panzoom(stage, { origin: "0 0", minScale: Math.min(0.005, first.scale),
    maxScale: 6, canvas: true, step: 0.15, cursor: "grab",
    startScale: first.scale, startX: first.x, startY: first.y });
  view.addEventListener("wheel", function (event) { pz.zoomWithWheel(event); }, { passive: false });
  function show(place) {
    pz.zoom(place.scale, { animate: false, force: true });
    pz.pan(place.x, place.y, { animate: false, force: true });
  }
  function centreOn(i) {
    var n = nodes[i];
    show(placing(Math.max(pz.getScale(), 0.8), px(n.x) + BW / 2, py(n.y) + BH / 2));
  }
  fit.addEventListener("click", function () { show(fitting(false)); });
  function placeOverview(scale, x) {
    var seen = view.clientWidth / scale;
    overview.hidden = seen >= width;
    var from = Math.max(0, -x) / width, part = Math.min(1, seen / width);
    overviewWindow.style.left = Math.min(from, 1 - part) * 100 + "%";
    overviewWindow.style.width = Math.max(part * 100, 0.5) + "%";
  }
  stage.addEventListener("panzoomchange", function (event) {
    placeLabels(event.detail.scale, event.detail.y);
    placeOverview(event.detail.scale, event.detail.x);
  });
  placeLabels(first.scale, first.y);
  placeOverview(first.scale, first.x);
  stage.addEventListener("panzoomstart", function () { stage.classList.add("sg-moving"); });
  stage.addEventListener("panzoomend", function () { stage.classList.remove("sg-moving"); });

  // -- lines of sight -------------------------------------------------------------------------
  var lit = [];
  function clearChain() {
    lit.forEach(function (x) { x.classList.remove("sg-lit", "sg-chosen"); });
    lit = [];
    root.classList.remove("sg-dim");
    chainList.textContent = "";
    hint.hidden = false;
    state.selected = null; state.chain = [];
  }
  function choose(i) {
    clearChain();
    var seenNodes = Object.create(null), seenEdges = Object.create(null);
    seenNodes[i] = true;
    walk(i, up, seenNodes, seenEdges);
    walk(i, down, seenNodes, seenEdges);
    var members = Object.keys(seenNodes).map(Number).sort(function (a, b) {
      return nodes[b].y - nodes[a].y || nodes[a].x - nodes[b].x;
    });
    members.forEach(function (v) { nodeEls[v].classList.add("sg-lit"); lit.push(nodeEls[v]); });
    Object.keys(seenEdges).forEach(function (k) { edgeEls[k].classList.add("sg-lit"); lit.push(edgeEls[k]); });
    nodeEls[i].classList.add("sg-chosen");
    root.classList.add("sg-dim");
    hint.hidden = true;
    members.forEach(function (v) {
      var item = el("li", { "data-id": nodes[v].id, "data-index": String(v) });
      item.appendChild(el("span", { "class": "sg-level" }, data.levels[nodes[v].level].label));
      item.appendChild(el("b", null, " " + nodes[v].id + " "));
      item.appendChild(document.createTextNode(nodes[v].title));
      if (v === i) { item.className = "sg-chosen"; }
      chainList.appendChild(item);
    });
    state.selected = nodes[i].id;
    state.chain = members.map(function (v) { return nodes[v].id; });
  }
  chainList.addEventListener("click", function (event) {
    var item = event.target.closest("li");
    if (item) { var i = Number(item.getAttribute("data-index")); choose(i); centreOn(i); }
  });
  var downAt = null;
  view.addEventListener("pointerdown", function (event) { downAt = [event.clientX, event.clientY]; });
  view.addEventListener("click", function (event) {
    if (downAt && Math.abs(event.clientX - downAt[0]) + Math.abs(event.clientY - downAt[1]) > 5) {
      return;  // the end of a drag, not a click
    }
    var g = event.target.closest && event.target.closest("g.sg-node");
    if (g) { choose(Number(g.getAttribute("data-index"))); } else { clearChain(); }
  });

  // -- hover card -----------------------------------------------------------------------------
  function fillCard(n) {
    card.textContent = "";
    card.appendChild(el("div", { "class": "sg-card-level" }, data.levels[n.level].label + " · " + n.id));
    card.appendChild(el("div", { "class": "sg-card-title" }, n.title));
    var rows = el("dl", null);
    function row(label, value) {
      if (value === null || value === undefined || value === "" || (value.length === 0)) { return; }
      rows.appendChild(el("dt", null, label));
      rows.appendChild(el("dd", null, Array.isArray(value) ? value.join(", ") : value));
    }
    row(W.owner, n.owner); row(W.agenda, n.agenda); row(W.status, n.status);
    row(W.budget, n.budget); row(W.indicators, n.indicators);
    card.appendChild(rows);
    if (n.findings.length) {
      card.appendChild(el("div", { "class": "sg-card-head" }, W.findings));
      var list = el("ul", null);
      n.findings.forEach(function (f) {
        var item = el("li", { "class": "sg-" + f[1] });
        item.appendChild(el("b", null, f[0] + " "));
        item.appendChild(document.createTextNode(f[2]));
        list.appendChild(item);
      });
      card.appendChild(list);
    }
  }
  view.addEventListener("mouseover", function (event) {
    var g = event.target.closest && event.target.closest("g.sg-node");
    if (!g) { card.hidden = true; return; }
    fillCard(nodes[Number(g.getAttribute("data-index"))]);
    card.hidden = false;
    var x = Math.min(event.clientX + 14, window.innerWidth - card.offsetWidth - 8);
    var y = Math.min(event.clientY + 14, window.innerHeight - card.offsetHeight - 8);
    card.style.left = Math.max(0, x) + "px"; card.style.top = Math.max(0, y) + "px";
  });
  view.addEventListener("mouseleave", function () { card.hidden = true; });

  // -- search ---------------------------------------------------------------------------------
  var folded = nodes.map(function (n) { return fold(n.id) + "\n" + fold(n.title); });
  var marked = [];
  function runSearch() {
    marked.forEach(function (g) { g.classList.remove("sg-match"); });
    marked = [];
    results.textContent = "";
    var q = fold(search.value.trim());
    if (!q) { return; }
    var found = [];
    folded.forEach(function (text, i) { if (text.indexOf(q) >= 0) { found.push(i); } });
    found.forEach(function (i) { nodeEls[i].classList.add("sg-match"); marked.push(nodeEls[i]); });
    results.appendChild(el("li", { "class": "sg-count" },
      found.length ? fmt(W.matches, { n: found.length }) : W.no_match));
    found.slice(0, 30).forEach(function (i) {
      var item = el("li", { "class": "sg-result", "data-index": String(i), "data-id": nodes[i].id });
      item.appendChild(el("b", null, nodes[i].id + " "));
      item.appendChild(document.createTextNode(nodes[i].title));
      results.appendChild(item);
    });
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = results.querySelector("li.sg-result");
      if (first) { first.click(); }
    } else if (event.key === "Escape") { search.value = ""; runSearch(); }
  });
  results.addEventListener("click", function (event) {
    var item = event.target.closest("li.sg-result");
    if (!item) { return; }
    var i = Number(item.getAttribute("data-index"));
    choose(i); centreOn(i);
    results.textContent = "";
  });

  function refilterAndFit() { refilter(); show(fitting(false)); }
  [ownerBox, agendaBox, findingBox].forEach(function (box) { box.addEventListener("change", refilterAndFit); });
  levelBox.addEventListener("change", refilterAndFit);
  colorBy.addEventListener("change", recolour);
  recolour();
  refilter();
  // Panzoom places the stage in a timeout and a frame after it starts; the map is painted in
  // the frame after that.
  setTimeout(function () {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        state.painted = true;
        if (window.performance && performance.mark) { performance.mark("sg-painted"); }
      });
    });
  });
})();
