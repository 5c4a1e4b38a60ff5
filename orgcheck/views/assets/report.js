// The orgcheck report's script: draws the diagrams with Viz.js, and makes the page
// interactive: an org chart whose subtrees open and close, a search of people, units
// and roles, findings that highlight their entity when clicked, and finding filters.
// Everything it needs is in the page (JSON in script elements of type application/json); text
// from the model only ever reaches the page as textContent, never as markup.
(function () {
  "use strict";
  var MAX_BOXES = 2000;  // Graphviz lays out a few thousand boxes in seconds; more would freeze the tab
  var MAX_RESULTS = 20;

  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var diagrams = data("orgcheck-diagrams");
  var explore = data("orgcheck-explore");
  var WORDS = data("orgcheck-words");  // the page's sentences, in the report's language
  // WORDS[key] with its {placeholders} filled; a pair of forms is chosen by values.count
  function say_(key, values) {
    var text = WORDS[key];
    if (Array.isArray(text)) { text = text[values.count === 1 ? 0 : 1]; }
    return text.replace(/\{(\w+)\}/g, function (m, k) { return String(values[k]); });
  }
  var nodes = explore.nodes;  // [anchor, id, name, title, parent index, DOT attributes, closed-subtree box]
  var children = [];
  var byAnchor = new Map();
  var keys = [];  // what search matches a person on
  nodes.forEach(function (n, i) {
    byAnchor.set(n[0], i);
    keys.push((n[2] + "\u0000" + n[1] + "\u0000" + n[3]).toLowerCase());
    if (n[4] >= 0) { (children[n[4]] || (children[n[4]] = [])).push(i); }
  });
  var others = new Map();  // units and roles by anchor
  explore.search.forEach(function (e) { others.set(e[1], e); e.key = (e[3] + "\u0000" + e[2]).toLowerCase(); });
  var open = new Set(explore.open);
  // closed people of whom only some reports are drawn: the way down to a search result
  // or a finding when opening every subtree on the way would be too many boxes
  var partial = new Map();
  var orgBox = document.getElementById("diagram-org");
  var bar = document.getElementById("org-selection");
  var viz = null;
  var marked = [];  // anchors highlighted in the diagrams
  var selected = -1;

  document.querySelectorAll("button.zoom").forEach(function (b) {
    b.addEventListener("click", function () { document.getElementById(b.dataset.for).classList.toggle("actual"); });
  });

  // -- the org chart -------------------------------------------------------------------

  function visible() {
    var out = [], stack = [];
    for (var i = nodes.length - 1; i >= 0; i--) { if (nodes[i][4] < 0) { stack.push(i); } }
    while (stack.length) {
      var j = stack.pop();
      out.push(j);
      if (children[j] && open.has(j)) {
        for (var k = children[j].length - 1; k >= 0; k--) { stack.push(children[j][k]); }
      } else if (partial.has(j)) {
        var some = Array.from(partial.get(j)).sort(function (a, b) { return b - a; });
        some.forEach(function (c) { stack.push(c); });
      }
    }
    return out;
  }

  function boxes(shown) {
    return shown.length + shown.filter(function (i) { return children[i] && !open.has(i); }).length;
  }

  function orgDot(shown) {
    var lines = [explore.head];
    shown.forEach(function (i) {
      var n = nodes[i];
      lines.push("  n" + i + " [" + n[5] + ', id="node-' + n[0] + '", URL="#' + n[0] + '"];');
      if (n[4] >= 0) { lines.push("  n" + n[4] + " -> n" + i + ";"); }
      if (children[i] && !open.has(i)) {
        lines.push("  m" + i + " [" + n[6] + ', id="more-' + n[0] + '", URL="#more-' + n[0] + '"];');
        lines.push("  n" + i + " -> m" + i + explore.summary_edge + ";");
      }
    });
    lines.push("}");
    return lines.join("\n");
  }

  function drawOrg() {
    if (!orgBox || !viz) { return; }
    var shown = visible();
    try {
      var svg = viz.renderSVGElement(orgDot(shown));
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", say_("reporting_lines", {}));
      orgBox.replaceChildren(svg);
      orgBox.setAttribute("data-rendered", "yes");
      orgBox.setAttribute("data-boxes", String(boxes(shown)));
    } catch (e) {
      orgBox.textContent = say_("org_failed", {error: e});
      orgBox.setAttribute("data-rendered", "error");
    }
    mark(marked);
  }

  function say(text) {
    var note = document.getElementById("org-note");
    note.textContent = text;
  }

  // open or close a subtree; refuse what would be too many boxes to draw
  function setOpen(i, wanted) {
    if (!children[i] || open.has(i) === wanted) { return true; }
    var was = partial.get(i);
    partial.delete(i);
    if (wanted) { open.add(i); } else { open.delete(i); }
    var n = boxes(visible());
    if (wanted && n > MAX_BOXES) {
      open.delete(i);
      if (was) { partial.set(i, was); }
      say(say_("too_many", {name: nodes[i][2], count: n, max: MAX_BOXES}));
      return false;
    }
    say("");
    return true;
  }

  function select(i) {
    selected = i;
    bar.replaceChildren();
    if (i < 0) { return; }
    var n = nodes[i];
    var name = document.createElement("strong");
    name.textContent = n[2];
    bar.append(name);
    var detail = [n[3], n[1]].filter(Boolean).join(" · ");
    if (children[i]) { detail += " · " + say_("reports", {count: children[i].length}); }
    bar.append(" " + detail + " ");
    if (children[i]) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "toggle";
      b.textContent = say_(open.has(i) ? "close_below" : "open_below", {});
      b.addEventListener("click", function () { if (setOpen(i, !open.has(i))) { drawOrg(); select(i); } });
      bar.append(b);
    }
    if (document.getElementById(n[0])) {
      var a = document.createElement("a");
      a.href = "#" + n[0];
      a.textContent = say_("findings", {});
      bar.append(" ", a);
    }
  }

  if (orgBox) {
    orgBox.addEventListener("click", function (ev) {
      var g = ev.target.closest("g.node");
      if (!g) { return; }
      ev.preventDefault();
      var more = g.id.indexOf("more-") === 0, i = byAnchor.get(g.id.slice(5));
      if (i === undefined) { return; }
      if (more || children[i]) {
        if (setOpen(i, more ? true : !open.has(i))) { drawOrg(); }
      }
      marked = [nodes[i][0]];
      mark(marked);
      select(i);
    });
    document.getElementById("org-reset").addEventListener("click", function () {
      open = new Set(explore.open);
      partial.clear();
      marked = [];
      select(-1);
      say("");
      drawOrg();
    });
  }

  // -- highlighting an entity wherever it is drawn ---------------------------------------

  function mark(anchors) {
    document.querySelectorAll(".diagram .hl").forEach(function (el) { el.classList.remove("hl"); });
    anchors.forEach(function (a) {
      ["node-", "cluster-"].forEach(function (prefix) {
        var el = document.getElementById(prefix + a);
        if (el) { el.classList.add("hl"); }
      });
    });
  }

  function center(el) {
    if (el) { el.scrollIntoView({block: "center", inline: "center"}); }
  }

  // show these entities: people are opened up to in the org chart; others are looked
  // for in the unit tree and the process diagrams; else their findings card is shown
  function reveal(anchors) {
    marked = anchors;
    var people = anchors.filter(function (a) { return byAnchor.has(a); });
    if (people.length) {
      var opened = [];
      people.forEach(function (a) {
        for (var up = nodes[byAnchor.get(a)][4]; up >= 0; up = nodes[up][4]) {
          if (!open.has(up)) { open.add(up); opened.push(up); }
        }
      });
      if (opened.length && boxes(visible()) > MAX_BOXES) {
        // too many to open whole: draw only the way down to each of them
        opened.forEach(function (i) { open.delete(i); });
        people.forEach(function (a) {
          for (var child = byAnchor.get(a), up = nodes[child][4]; up >= 0; child = up, up = nodes[up][4]) {
            if (!open.has(up)) {
              if (!partial.has(up)) { partial.set(up, new Set()); }
              partial.get(up).add(child);
            }
          }
        });
      }
      if (opened.length) { drawOrg(); } else { mark(anchors); }
      select(people.length === 1 ? byAnchor.get(people[0]) : -1);
      center(document.getElementById("node-" + people[0]));
      return;
    }
    mark(anchors);
    var a = anchors[0];
    var drawn = document.getElementById("node-" + a) || document.getElementById("cluster-" + a);
    if (drawn) { center(drawn); return; }
    var entry = others.get(a);
    if (entry && entry[5].length) {
      reveal(entry[5].map(function (i) { return nodes[i][0]; }));
      return;
    }
    var card = document.getElementById(a);
    if (card) { location.hash = a; }
  }

  // -- search ---------------------------------------------------------------------------

  var input = document.getElementById("search");
  var results = document.getElementById("search-results");

  function find(q) {
    var first = [], rest = [], total = 0;
    function take(item, key, name) {
      if (key.indexOf(q) < 0) { return; }
      total += 1;
      (name.toLowerCase().indexOf(q) === 0 ? first : rest).push(item);
    }
    others.forEach(function (e) { take({kind: e[0], anchor: e[1], id: e[2], name: e[3], detail: e[4]}, e.key, e[3]); });
    for (var i = 0; i < nodes.length; i++) {
      if (keys[i].indexOf(q) >= 0) {
        var n = nodes[i];
        take({kind: "person", anchor: n[0], id: n[1], name: n[2], detail: n[3]}, keys[i], n[2]);
      }
    }
    return {items: first.concat(rest).slice(0, MAX_RESULTS), total: total};
  }

  function showResults() {
    var q = input.value.trim().toLowerCase();
    results.replaceChildren();
    if (!q) { results.hidden = true; return; }
    var found = find(q);
    found.items.forEach(function (item) {
      var li = document.createElement("li");
      li.tabIndex = 0;
      li.dataset.anchor = item.anchor;
      li.dataset.kind = item.kind;
      var name = document.createElement("strong");
      name.textContent = item.name;
      var info = document.createElement("span");
      info.className = "muted";
      info.textContent = " " + [WORDS.kinds[item.kind] || item.kind, item.detail, item.id].filter(Boolean).join(" · ");
      li.append(name, info);
      li.addEventListener("click", function () { go(item.anchor); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(item.anchor); } });
      results.append(li);
    });
    var more = document.createElement("li");
    more.className = "muted count";
    more.textContent = found.total === 0 ? say_("no_match", {}) :
      found.total > found.items.length ? say_("more", {count: found.total - found.items.length}) :
      say_("matches", {count: found.total});
    results.append(more);
    results.hidden = false;
  }

  function go(anchor) {
    results.hidden = true;
    reveal([anchor]);
  }

  if (input) {
    input.addEventListener("input", showResults);
    input.addEventListener("focus", showResults);
    input.addEventListener("keydown", function (ev) {
      var first = results.querySelector("li[data-anchor]");
      if (ev.key === "Enter" && first) { go(first.dataset.anchor); }
      if (ev.key === "Escape") { results.hidden = true; }
    });
    document.addEventListener("click", function (ev) {
      if (!ev.target.closest(".search")) { results.hidden = true; }
    });
  }

  // -- findings: click to highlight, filter by pillar and severity --------------------

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[href^='#node-']");
    if (link) {
      ev.preventDefault();
      reveal([link.getAttribute("href").slice(6)]);
      return;
    }
    var item = ev.target.closest("li[data-target]");
    if (item && !ev.target.closest("a")) {
      document.querySelectorAll("li.chosen").forEach(function (li) { li.classList.remove("chosen"); });
      item.classList.add("chosen");
      reveal([item.dataset.target]);
    }
  });

  var filters = document.getElementById("finding-filters");
  function applyFilters() {
    var on = {};
    filters.querySelectorAll("input").forEach(function (box) { on[box.name + ":" + box.value] = box.checked; });
    var shown = 0, all = 0;
    document.querySelectorAll("#findings ul[data-pillar]").forEach(function (ul) {
      var left = 0;
      ul.querySelectorAll("li[data-severity]").forEach(function (li) {
        var keep = on["pillar:" + ul.dataset.pillar] && on["severity:" + li.dataset.severity];
        li.hidden = !keep;
        all += 1;
        if (keep) { left += 1; }
      });
      shown += left;
      ul.hidden = left === 0;
      ul.previousElementSibling.hidden = left === 0;
    });
    document.getElementById("finding-count").textContent = say_("showing", {shown: shown, all: all});
  }
  if (filters) {
    filters.addEventListener("change", applyFilters);
    applyFilters();
  }

  // -- drawing --------------------------------------------------------------------------

  function done(state) {
    document.body.setAttribute("data-rendered-ms", String(Math.round(performance.now())));  // for benchmarks
    document.body.setAttribute("data-rendered", state);
  }
  if (typeof Viz === "undefined") { done("no renderer"); return; }
  Viz.instance().then(function (instance) {
    viz = instance;
    drawOrg();
    var failed = orgBox && orgBox.getAttribute("data-rendered") === "error" ? 1 : 0;
    diagrams.forEach(function (d) {
      var box = document.getElementById(d.target);
      try {
        var svg = viz.renderSVGElement(d.dot);
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", d.title);
        box.replaceChildren(svg);
        box.setAttribute("data-rendered", "yes");
      } catch (e) {
        failed += 1;
        box.textContent = say_("diagram_failed", {error: e});
        box.setAttribute("data-rendered", "error");
      }
    });
    done(failed ? "with errors" : "yes");
  });
})();
