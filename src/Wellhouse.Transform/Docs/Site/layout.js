// Layered left-to-right layout of a DAG (the Sugiyama scheme, in its simplest form):
// 1. layers by longest path from the roots (a node sits one layer right of its furthest parent);
// 2. order within a layer by repeated barycentre sweeps (down using parents, up using children), which reduces edge
//    crossings (Sugiyama, Tagawa & Toda 1981; barycentre heuristic);
// 3. coordinates: layers are columns, each column centred vertically.
// Edges that would close a cycle are ignored (a dbt DAG has none). O((V + E) * sweeps).
const Layout = (() => {
  const NODE_W = 190, NODE_H = 30, GAP_X = 70, GAP_Y = 14, SWEEPS = 6;

  function layers(ids, parents, children) {
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

  function sweep(columns, neighbours, position, fromIndex, step) {
    for (let c = fromIndex; c >= 0 && c < columns.length; c += step) {
      const column = columns[c];
      const score = new Map();
      for (let i = 0; i < column.length; i++) {
        const id = column[i];
        let sum = 0, count = 0;
        for (const other of neighbours.get(id)) {
          const p = position.get(other);
          if (p !== undefined) { sum += p; count++; }
        }
        score.set(id, count ? sum / count : position.get(id));
      }
      column.sort((a, b) => score.get(a) - score.get(b) || position.get(a) - position.get(b));
      // Positions are scaled to the column's share of the tallest column so columns of different sizes compare.
      column.forEach((id, i) => position.set(id, (i + 0.5) / column.length));
    }
  }

  // ids: node ids; edges: [from, to] pairs (both ends in ids). Returns {pos: Map id -> {x, y}, width, height}.
  function compute(ids, edges) {
    const parents = new Map(ids.map(id => [id, []]));
    const children = new Map(ids.map(id => [id, []]));
    for (const [from, to] of edges) {
      if (parents.has(to) && children.has(from)) { parents.get(to).push(from); children.get(from).push(to); }
    }
    const layer = layers(ids, parents, children);
    const count = Math.max(0, ...layer.values()) + 1;
    const columns = Array.from({ length: ids.length ? count : 0 }, () => []);
    for (const id of [...ids].sort()) columns[layer.get(id)].push(id);
    const position = new Map();
    for (const column of columns) column.forEach((id, i) => position.set(id, (i + 0.5) / column.length));
    for (let s = 0; s < SWEEPS; s++) {
      sweep(columns, parents, position, 1, 1);
      sweep(columns, children, position, columns.length - 2, -1);
    }
    const tallest = Math.max(1, ...columns.map(c => c.length));
    const pos = new Map();
    columns.forEach((column, c) => {
      const offset = (tallest - column.length) * (NODE_H + GAP_Y) / 2;
      column.forEach((id, i) => pos.set(id, { x: c * (NODE_W + GAP_X), y: offset + i * (NODE_H + GAP_Y), layer: c }));
    });
    return {
      pos,
      width: columns.length * (NODE_W + GAP_X) - GAP_X,
      height: tallest * (NODE_H + GAP_Y) - GAP_Y,
      nodeWidth: NODE_W,
      nodeHeight: NODE_H,
    };
  }

  return { compute };
})();
