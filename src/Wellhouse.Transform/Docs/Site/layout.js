// Layered left-to-right layout of a DAG (the Sugiyama scheme, in a simple form):
// 1. layers by longest path from the roots (a node sits one layer right of its furthest parent);
// 2. an edge that spans several layers gets a virtual point in each layer it crosses, so it is routed between the
//    nodes instead of through them and takes part in the ordering;
// 3. order within a layer by repeated barycentre sweeps (down using parents, up using children), which reduces edge
//    crossings (Sugiyama, Tagawa & Toda 1981, "Methods for visual understanding of hierarchical system structures");
// 4. coordinates: layers are columns, each column centred vertically; virtual points take a thin slot.
// Edges that would close a cycle are ignored (a dbt DAG has none). Cost O((V + E * span) * sweeps * log).
const Layout = (() => {
  const NODE_W = 220, NODE_H = 30, GAP_X = 70, GAP_Y = 14, VIRTUAL_H = 10, SWEEPS = 8;

  function longestPathLayers(ids, parents, children) {
    const indegree = new Map(ids.map(id => [id, parents.get(id).length]));
    const layer = new Map(ids.map(id => [id, 0]));
    const queue = ids.filter(id => indegree.get(id) === 0);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const child of children.get(id)) {
        layer.set(child, Math.max(layer.get(child), layer.get(id) + 1));
        indegree.set(child, indegree.get(child) - 1);
        if (indegree.get(child) === 0) queue.push(child);
      }
    }
    // A node on a cycle is never dequeued and keeps the layer its dequeued parents gave it.
    return layer;
  }

  // Orders each column by the mean position of its neighbours in the previous column of the sweep.
  function sweep(columns, neighbours, position, fromIndex, step) {
    for (let c = fromIndex; c >= 0 && c < columns.length; c += step) {
      const column = columns[c];
      const score = new Map();
      for (const id of column) {
        let sum = 0, count = 0;
        for (const other of neighbours.get(id)) {
          const p = position.get(other);
          if (p !== undefined) { sum += p; count++; }
        }
        score.set(id, count ? sum / count : position.get(id));
      }
      column.sort((a, b) => score.get(a) - score.get(b) || position.get(a) - position.get(b));
      // Positions are fractions of the column, so columns of different sizes compare.
      column.forEach((id, i) => position.set(id, (i + 0.5) / column.length));
    }
  }

  // ids: node ids; edges: [from, to] pairs. Returns {pos: Map id -> {x, y, layer}, routes: one list of points per
  // edge (in the order given; null for an edge that was ignored), width, height, nodeWidth, nodeHeight}.
  function compute(ids, edges) {
    const parents = new Map(ids.map(id => [id, []]));
    const children = new Map(ids.map(id => [id, []]));
    const kept = edges.map(([from, to]) => parents.has(to) && children.has(from) && from !== to);
    edges.forEach(([from, to], i) => { if (kept[i]) { parents.get(to).push(from); children.get(from).push(to); } });
    const layer = longestPathLayers(ids, parents, children);

    // The ordering graph: real nodes plus one virtual node per layer an edge crosses.
    const up = new Map(ids.map(id => [id, []]));
    const down = new Map(ids.map(id => [id, []]));
    const chains = edges.map(([from, to], i) => {
      if (!kept[i] || layer.get(to) <= layer.get(from)) return null;
      const chain = [from];
      for (let l = layer.get(from) + 1; l < layer.get(to); l++) {
        const v = "\u0000" + i + ":" + l;
        layer.set(v, l);
        up.set(v, []);
        down.set(v, []);
        chain.push(v);
      }
      chain.push(to);
      for (let k = 1; k < chain.length; k++) { down.get(chain[k - 1]).push(chain[k]); up.get(chain[k]).push(chain[k - 1]); }
      return chain;
    });

    const count = ids.length ? Math.max(...ids.map(id => layer.get(id))) + 1 : 0;
    const columns = Array.from({ length: count }, () => []);
    for (const id of [...ids].sort()) columns[layer.get(id)].push(id);
    for (const chain of chains) if (chain) for (const v of chain.slice(1, -1)) columns[layer.get(v)].push(v);
    const position = new Map();
    for (const column of columns) column.forEach((id, i) => position.set(id, (i + 0.5) / column.length));
    for (let s = 0; s < SWEEPS; s++) {
      sweep(columns, up, position, 1, 1);
      sweep(columns, down, position, columns.length - 2, -1);
    }

    const isVirtual = id => id.charCodeAt(0) === 0;
    const slot = id => isVirtual(id) ? VIRTUAL_H : NODE_H + GAP_Y;
    const heights = columns.map(column => column.reduce((sum, id) => sum + slot(id), 0));
    const tallest = Math.max(0, ...heights);
    const pos = new Map();
    columns.forEach((column, c) => {
      let y = (tallest - heights[c]) / 2;
      for (const id of column) {
        pos.set(id, { x: c * (NODE_W + GAP_X), y: isVirtual(id) ? y + VIRTUAL_H / 2 - NODE_H / 2 : y, layer: c });
        y += slot(id);
      }
    });
    const routes = chains.map(chain => {
      if (!chain) return null;
      const points = [];
      chain.forEach((id, k) => {
        const p = pos.get(id), y = p.y + NODE_H / 2;
        if (k > 0) points.push([p.x, y]);
        if (k < chain.length - 1) points.push([p.x + NODE_W, y]);
      });
      return points;
    });
    for (const id of [...pos.keys()]) if (isVirtual(id)) pos.delete(id);
    return {
      pos,
      routes,
      width: Math.max(0, count * (NODE_W + GAP_X) - GAP_X),
      height: Math.max(0, tallest - GAP_Y),
      nodeWidth: NODE_W,
      nodeHeight: NODE_H,
    };
  }

  return { compute };
})();
