// An SVG lineage graph: nodes laid out by Layout, edges as curves, pan by dragging, zoom with the wheel and buttons,
// click to open a node, hover (or a focused node) to highlight everything upstream and downstream of it.
const SVG_NS = "http://www.w3.org/2000/svg";

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const key in attributes) element.setAttribute(key, attributes[key]);
  return element;
}

// Walks parents (or children) from id, at most depth steps (all when depth is Infinity or omitted); returns the set
// of ids reached, without id itself.
function reach(id, next, depth = Infinity) {
  const seen = new Set([id]);
  let frontier = [id];
  for (let step = 0; step < depth && frontier.length; step++) {
    const following = [];
    for (const current of frontier) {
      for (const other of next(current) || []) {
        if (!seen.has(other)) { seen.add(other); following.push(other); }
      }
    }
    frontier = following;
  }
  seen.delete(id);
  return seen;
}

class GraphView {
  // host: an element; ids: node ids to draw; options: {node(id) -> {name, type, lang}, parents(id), children(id),
  // focus: id or null, onOpen(id)}.
  constructor(host, ids, options) {
    this.options = options;
    this.ids = ids;
    const inGraph = new Set(ids);
    this.edges = [];
    for (const id of ids) for (const parent of options.parents(id)) if (inGraph.has(parent)) this.edges.push([parent, id]);
    this.layout = Layout.compute(ids, this.edges);
    this.view = { k: 1, x: 0, y: 0 };
    this.build(host);
    this.fit();
    if (options.focus) this.highlight(options.focus, true);
  }

  build(host) {
    const box = document.createElement("div");
    box.className = "graph";
    const toolbar = document.createElement("div");
    toolbar.className = "graph-tools";
    for (const [label, title, action] of [["+", "Zoom in", () => this.zoomBy(1.25)], ["\u2212", "Zoom out", () => this.zoomBy(0.8)], ["Fit", "Fit the graph", () => this.fit()]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.title = title;
      button.dataset.action = title.toLowerCase().replace(/ /g, "-");
      button.addEventListener("click", action);
      toolbar.append(button);
    }
    const svg = svgElement("svg", { class: "graph-svg", role: "img", "aria-label": "Lineage graph" });
    const defs = svgElement("defs", {});
    // One arrowhead per edge state; the stylesheet picks it (one graph is on the page at a time, so fixed ids).
    for (const [id, cls] of [["docs-arrow", "arrow"], ["docs-arrow-up", "arrow up"], ["docs-arrow-down", "arrow down"]]) {
      const marker = svgElement("marker", { id, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
      marker.append(svgElement("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
      defs.append(marker);
    }
    svg.append(defs);
    this.viewport = svgElement("g", { class: "viewport" });
    const edgeLayer = svgElement("g", { class: "edges" });
    const nodeLayer = svgElement("g", { class: "nodes" });
    const { pos, nodeWidth: w, nodeHeight: h } = this.layout;
    this.edgeElements = [];
    this.edges.forEach(([from, to], i) => {
      const points = this.layout.routes[i];
      if (!points) return;
      const path = svgElement("path", { d: GraphView.curve(points), class: "edge" });
      path.dataset.from = from;
      path.dataset.to = to;
      edgeLayer.append(path);
      this.edgeElements.push(path);
    });
    this.nodeElements = new Map();
    for (const id of this.ids) {
      const p = pos.get(id), info = this.options.node(id);
      const g = svgElement("g", { class: `node type-${info.type}${info.lang === "csharp" ? " lang-csharp" : ""}`, transform: `translate(${p.x},${p.y})`, tabindex: "0" });
      g.dataset.id = id;
      g.append(svgElement("rect", { width: w, height: h, rx: "6" }));
      const label = svgElement("text", { x: "10", y: String(h / 2 + 4.5) });
      label.textContent = info.name.length > 29 ? info.name.slice(0, 28) + "\u2026" : info.name;
      const title = svgElement("title", {});
      title.textContent = `${info.name} (${info.type}${info.lang === "csharp" ? ", C#" : ""})`;
      g.append(label, title);
      g.addEventListener("click", () => { if (!this.dragged) this.options.onOpen(id); });
      g.addEventListener("keydown", e => { if (e.key === "Enter") this.options.onOpen(id); });
      g.addEventListener("pointerenter", () => { if (!this.dragging) this.highlight(id, false); });
      g.addEventListener("pointerleave", () => { if (!this.dragging) this.highlight(this.options.focus, true); });
      nodeLayer.append(g);
      this.nodeElements.set(id, g);
    }
    this.viewport.append(edgeLayer, nodeLayer);
    svg.append(this.viewport);
    this.svg = svg;
    this.attachPanZoom(svg);
    box.append(toolbar, svg);
    host.append(box);
  }

  attachPanZoom(svg) {
    let start = null;
    svg.addEventListener("pointerdown", e => {
      if (e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y, id: e.pointerId };
      this.dragged = false;
    });
    svg.addEventListener("pointermove", e => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (!this.dragging && Math.abs(dx) + Math.abs(dy) > 4) {
        this.dragging = this.dragged = true;
        svg.setPointerCapture(e.pointerId);
        svg.classList.add("panning");
      }
      if (this.dragging) { this.view.x = start.vx + dx; this.view.y = start.vy + dy; this.apply(); }
    });
    const end = () => {
      start = null;
      this.dragging = false;
      svg.classList.remove("panning");
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("wheel", e => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
  }

  // Zooms by factor about a point of the SVG (its centre by default), keeping that point still.
  zoomBy(factor, cx, cy) {
    const r = this.svg.getBoundingClientRect();
    if (cx === undefined) { cx = r.width / 2; cy = r.height / 2; }
    const k = Math.min(4, Math.max(0.05, this.view.k * factor));
    const f = k / this.view.k;
    this.view.x = cx - (cx - this.view.x) * f;
    this.view.y = cy - (cy - this.view.y) * f;
    this.view.k = k;
    this.apply();
  }

  fit() {
    const r = this.svg.getBoundingClientRect();
    const width = r.width || 800, height = r.height || 500, pad = 24;
    const k = Math.min(1.2, Math.max(0.05, Math.min((width - 2 * pad) / Math.max(1, this.layout.width), (height - 2 * pad) / Math.max(1, this.layout.height))));
    this.view = { k, x: (width - this.layout.width * k) / 2, y: (height - this.layout.height * k) / 2 };
    this.apply();
  }

  // Centres the view on a node at a readable scale.
  center(id) {
    const p = this.layout.pos.get(id);
    if (!p) return;
    const r = this.svg.getBoundingClientRect();
    const k = Math.max(this.view.k, 0.8);
    this.view = { k, x: (r.width || 800) / 2 - (p.x + this.layout.nodeWidth / 2) * k, y: (r.height || 500) / 2 - (p.y + this.layout.nodeHeight / 2) * k };
    this.apply();
  }

  apply() {
    this.viewport.setAttribute("transform", `translate(${this.view.x.toFixed(1)},${this.view.y.toFixed(1)}) scale(${this.view.k.toFixed(4)})`);
    this.svg.dataset.scale = this.view.k.toFixed(4);
    // Labels are unreadable below a third of their size; hiding them keeps large graphs smooth to pan and zoom.
    this.svg.classList.toggle("zoomed-out", this.view.k < 0.33);
  }

  // Marks id as selected, its ancestors as upstream and its descendants as downstream; the rest is dimmed.
  highlight(id, selected) {
    const active = id && this.nodeElements.has(id);
    const up = active ? reach(id, this.options.parents) : new Set();
    const down = active ? reach(id, this.options.children) : new Set();
    this.svg.classList.toggle("highlighting", Boolean(active));
    for (const [nodeId, g] of this.nodeElements) {
      g.classList.toggle("selected", active && nodeId === id && selected);
      g.classList.toggle("hovered", active && nodeId === id && !selected);
      g.classList.toggle("upstream", up.has(nodeId));
      g.classList.toggle("downstream", down.has(nodeId));
    }
    for (const path of this.edgeElements) {
      const from = path.dataset.from, to = path.dataset.to;
      path.classList.toggle("upstream", active && (to === id || up.has(to)) && up.has(from));
      path.classList.toggle("downstream", active && (from === id || down.has(from)) && down.has(to));
    }
  }
}
// An SVG path through points given as pairs: (out of a column, into the next column) joined by S-curves with
// horizontal tangents, straight across a column an edge passes through; the last point stops short for the arrow.
GraphView.curve = points => {
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x, y] = points[i];
    const end = i === points.length - 1 ? x - 2 : x;
    if (i % 2 === 1) {
      const mid = (x0 + end) / 2;
      d += ` C${mid},${y0} ${mid},${y} ${end},${y}`;
    } else {
      d += ` L${x},${y}`;
    }
  }
  return d;
};
