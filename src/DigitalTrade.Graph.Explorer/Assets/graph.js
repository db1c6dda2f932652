// The interactive graph (Cytoscape.js with the fCoSE layout, vendor/cytoscape.js) over the nodes and
// edges the server wrote into #graph-data. Zoom, pan and drag; click selects, double-click (or Enter)
// expands a node with its neighbourhood from /graphql; filters by kind and relation type; labels in
// Chinese or English. Narrative mentions start hidden. Keyboard: arrows move the selection, Enter
// expands, O opens the page, + and - zoom, 0 fits, Escape clears.
"use strict";
(() => {
  const panel = document.getElementById("graph");
  if (!panel) return;
  // Cytoscape arrives after the page is parsed (a script element added here runs asynchronously).
  const library = document.createElement("script");
  library.src = panel.dataset.library;
  library.addEventListener("load", () => start(panel));
  document.head.append(library);

  function start(panel) {
    const dataBlock = document.getElementById("graph-data");
    if (!dataBlock || !window.cytoscape) { panel.dataset.ready = "true"; return; }
    const data = JSON.parse(dataBlock.textContent);
    const canvas = panel.querySelector(".graph-canvas");
    const tools = panel.querySelector(".graph-tools");
    const selection = panel.querySelector(".graph-selection");
    const expandButton = panel.querySelector("[data-action=expand]");
    let lang = localStorage.getItem("dtgraph-lang") === "en" ? "en" : "zh";

    const nodeElement = n => ({
      group: "nodes",
      data: { id: n.key, kind: n.kind, zh: n.zh || n.key, en: n.en || n.key, colour: (data.kinds[n.kind] || {}).colour || "#666" },
      classes: n.key === data.center ? "center" : "",
    });
    const edgeElement = e => ({
      group: "edges",
      data: { id: `${e.from}|${e.type}|${e.to}`, source: e.from, target: e.to, type: e.type, label: (data.relations[e.type] || {})[lang] || e.type },
      classes: e.type === "MENTIONS" ? "mention" : "",
    });

    const cy = window.cytoscape({
      container: canvas,
      elements: [...data.nodes.map(nodeElement), ...data.edges.filter(e => e.from !== e.to).map(edgeElement)],
      minZoom: 0.15,
      maxZoom: 4,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "label": `data(${lang})`, "width": 18, "height": 18,
          "font-size": 11, "color": "#1a1a1a", "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 120,
          "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1, "min-zoomed-font-size": 6,
        } },
        { selector: "node.center", style: { "width": 30, "height": 30, "font-weight": "bold", "font-size": 13 } },
        { selector: "node.expanded", style: { "border-width": 2, "border-style": "double", "border-color": "#333" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#f5a623" } },
        { selector: "edge", style: {
          "width": 1.4, "line-color": "#8a8a8a", "target-arrow-color": "#8a8a8a", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
          "curve-style": "bezier", "label": "data(label)", "font-size": 9, "color": "#555", "min-zoomed-font-size": 9, "text-rotation": "autorotate",
        } },
        { selector: "edge.mention", style: { "line-style": "dashed", "opacity": 0.45, "width": 1 } },
        { selector: ".hidden", style: { "display": "none" } },
      ],
    });

    const layout = (fit = true) => cy.layout({
      name: cy.nodes().length > 1 ? "fcose" : "grid", animate: false, randomize: !cy.scratch("laidOut"), fit, padding: 30,
      nodeRepulsion: 7000, idealEdgeLength: 90, nodeSeparation: 90, quality: "default",
    }).run();

    // Filters: a node shows when its kind is on and, unless it is the center or was expanded, at least one shown edge reaches it.
    const checked = name => new Set([...tools.querySelectorAll(`[data-filter=${name}] input:checked`)].map(i => i.value));
    const applyFilters = () => {
      const kinds = checked("kind");
      const types = checked("type");
      cy.batch(() => {
        cy.nodes().forEach(n => n.toggleClass("hidden", !kinds.has(n.data("kind")) && !n.hasClass("center")));
        cy.edges().forEach(e => e.toggleClass("hidden", !types.has(e.data("type")) || e.source().hasClass("hidden") || e.target().hasClass("hidden")));
        cy.nodes().forEach(n => {
          if (n.hasClass("center") || n.hasClass("expanded") || n.hasClass("hidden")) return;
          if (n.connectedEdges().filter(e => !e.hasClass("hidden")).length === 0) n.addClass("hidden");
        });
      });
    };

    const visible = () => cy.nodes().filter(n => !n.hasClass("hidden"));
    const describe = node => {
      if (!node) { selection.textContent = ""; expandButton.disabled = true; return; }
      const kind = data.kinds[node.data("kind")] || {};
      const degree = node.connectedEdges().filter(e => !e.hasClass("hidden")).length;
      selection.textContent = "";
      const strong = document.createElement("strong");
      const zh = document.createElement("span");
      zh.lang = "zh";
      zh.textContent = node.data("zh");
      strong.append(zh, " ", node.data("en"));
      const link = document.createElement("a");
      link.href = "/entity/" + node.id().split("/").map(encodeURIComponent).join("/");
      link.textContent = "open page";
      selection.append(strong, ` · ${kind.en || node.data("kind")} · ${degree} relations shown · `, link);
      expandButton.disabled = node.hasClass("expanded");
    };
    const select = node => {
      cy.nodes().unselect();
      if (node) {
        node.select();
        const box = node.renderedBoundingBox();
        if (node.visible() && (box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height())) cy.center(node);
      }
      describe(node);
    };

    const query = `query($key: String!) { neighborhood(key: $key, depth: 1, limit: 50) { nodes { key kind name { zh en } } edges { from to type fromNarrative } } }`;
    const expand = async node => {
      if (!node || node.hasClass("expanded")) return;
      selection.textContent = "Expanding…";
      try {
        const response = await fetch("/graphql", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" },
          body: JSON.stringify({ query, variables: { key: node.id() } }),
        });
        const body = await response.json();
        const around = body.data && body.data.neighborhood;
        if (!around) throw new Error((body.errors && body.errors[0] && body.errors[0].message) || String(response.status));
        const position = node.position();
        const added = [];
        for (const n of around.nodes) {
          if (cy.getElementById(n.key).empty()) {
            const element = nodeElement({ key: n.key, kind: n.kind, zh: n.name.zh, en: n.name.en });
            element.position = { x: position.x + (Math.random() - 0.5) * 80, y: position.y + (Math.random() - 0.5) * 80 };
            added.push(element);
          }
        }
        for (const e of around.edges) {
          if (e.from !== e.to && cy.getElementById(`${e.from}|${e.type}|${e.to}`).empty()) added.push(edgeElement(e));
        }
        cy.add(added);
        node.addClass("expanded");
        ensureFilterOptions(around);
        cy.scratch("laidOut", true);
        applyFilters();
        layout(false);
        select(node);
        const count = added.filter(a => a.group === "nodes").length;
        selection.append(` — expanded: ${count} new ${count === 1 ? "entity" : "entities"}.`);
      } catch (error) {
        selection.textContent = "Could not expand: " + error.message;
      }
    };

    // A kind or relation type that arrives with an expansion gets its checkbox (on, like the others).
    const ensureFilterOptions = around => {
      const add = (name, value, label) => {
        const fieldset = tools.querySelector(`[data-filter=${name}]`);
        if (fieldset.querySelector(`input[value="${value}"]`)) return;
        const wrapper = document.createElement("label");
        const input = document.createElement("input");
        input.type = "checkbox";
        input.value = value;
        input.checked = value !== "MENTIONS";
        const key = document.createElement("span");
        key.setAttribute("aria-hidden", "true");
        key.className = name === "kind" ? `dot k-${value}` : `edge-key${value === "MENTIONS" ? " faint" : ""}`;
        const text = document.createElement("span");
        text.textContent = label;
        wrapper.append(input, key, text);
        fieldset.append(wrapper);
      };
      const label = (names, code) => (names[code] ? `${names[code].zh} ${names[code].en}` : code);
      around.nodes.forEach(n => add("kind", n.kind, label(data.kinds, n.kind)));
      around.edges.forEach(e => add("type", e.type, label(data.relations, e.type)));
    };

    const setLanguage = value => {
      lang = value;
      localStorage.setItem("dtgraph-lang", value);
      cy.style().selector("node").style("label", `data(${value})`).update();
      cy.edges().forEach(e => e.data("label", (data.relations[e.data("type")] || {})[value] || e.data("type")));
    };

    tools.hidden = false;
    tools.querySelector(`input[name=graph-lang][value=${lang}]`).checked = true;
    tools.addEventListener("change", e => {
      if (e.target.name === "graph-lang") setLanguage(e.target.value);
      else { applyFilters(); describe(cy.$("node:selected")[0]); }
    });
    tools.querySelector("[data-action=fit]").addEventListener("click", () => cy.fit(undefined, 30));
    expandButton.addEventListener("click", () => expand(cy.$("node:selected")[0]));
    cy.on("tap", "node", e => select(e.target));
    cy.on("tap", e => { if (e.target === cy) select(null); });
    cy.on("dbltap", "node", e => expand(e.target));

    // Keyboard: the canvas is one focusable widget; the selection moves through the shown nodes, nearest to the center first.
    canvas.addEventListener("keydown", e => {
      const nodes = visible().toArray();
      const current = cy.$("node:selected")[0];
      const index = current ? nodes.indexOf(current) : -1;
      const step = delta => select(nodes[(index + delta + nodes.length) % nodes.length]);
      const handled = {
        ArrowRight: () => step(1), ArrowDown: () => step(1), ArrowLeft: () => step(-1), ArrowUp: () => step(-1),
        Enter: () => expand(current), o: () => current && window.location.assign("/entity/" + current.id().split("/").map(encodeURIComponent).join("/")),
        "+": () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
        "=": () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
        "-": () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
        "0": () => cy.fit(undefined, 30), Escape: () => select(null),
      }[e.key];
      if (handled) { handled(); e.preventDefault(); }
    });
    canvas.addEventListener("focus", () => { if (!cy.$("node:selected").length) select(cy.getElementById(data.center).nonempty() ? cy.getElementById(data.center) : visible()[0]); });

    applyFilters();
    layout();
    cy.scratch("laidOut", true);
    // For tests and tools: the instance, read-only by convention, and a mark that the graph is drawn.
    canvas.cy = cy;
    panel.dataset.ready = "true";
  }
})();
