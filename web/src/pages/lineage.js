// The lineage graph as a layered drawing (after Sugiyama, Tagawa and Toda, 1981): each node's column is its longest
// path from a source or seed, so every edge points right; within a column nodes are ordered by the mean row of their
// parents (the barycenter heuristic), which removes most crossings.

import { fetchJson } from '../api.js';
import { colors } from '../charts.js';

const colorOf = { source: colors.muted, seed: '#8e6bbf', staging: colors.water, intermediate: '#e08a00', marts: colors.oil };

/** Column (longest path from a root) and row of every node. */
export function layers(nodes, edges) {
  const parents = new Map(nodes.map(n => [n.id, []]));
  for (const edge of edges) parents.get(edge.to)?.push(edge.from);
  const depth = new Map();
  const depthOf = (id, seen = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (seen.has(id)) return 0; // a cycle (dbt forbids them): stop rather than loop
    seen.add(id);
    const d = Math.max(-1, ...(parents.get(id) ?? []).map(p => depthOf(p, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  nodes.forEach(n => depthOf(n.id));
  const columns = [];
  for (const node of nodes) (columns[depth.get(node.id)] ??= []).push(node);
  const row = new Map();
  for (const column of columns.filter(Boolean)) {
    const key = n => {
      const rows = parents.get(n.id).map(p => row.get(p)).filter(r => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    column.sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id));
    column.forEach((n, i) => row.set(n.id, (i + 0.5) / column.length));
  }
  return { depth, row, columns: columns.length };
}

export async function drawLineage(element) {
  try {
    const graph = await fetchJson(element.dataset.source);
    if (graph.error || graph.nodes.length === 0) {
      element.innerHTML = `<p class="muted">No lineage: ${graph.error ?? 'the project has no models'}.</p>`;
      return;
    }
    const { depth, row, columns } = layers(graph.nodes, graph.edges);
    // Every label to the right of its node, cut (with …, the full id in the tooltip) to the space before the next
    // column, so labels of neighbouring columns never run into each other; the right margin holds the last column's.
    const left = 20;
    const right = 170;
    const spacing = columns > 1 ? ((element.clientWidth || 1000) - left - right) / (columns - 1) : right;
    const labelWidth = Math.max(40, Math.min(spacing, right) - 18);
    const data = graph.nodes.map(node => ({
      id: node.id, name: node.id, x: depth.get(node.id) * 240, y: row.get(node.id) * 1000,
      itemStyle: { color: colorOf[node.layer] ?? colors.accent },
      label: { show: true, position: 'right', fontSize: 11, formatter: node.name, width: labelWidth, overflow: 'truncate' },
      value: node.resource_type,
    }));
    const chart = window.echarts.init(element);
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { formatter: p => (p.dataType === 'edge' ? `${p.data.source} → ${p.data.target}` : `${p.data.id} (${p.data.value})`) },
      series: [{
        id: 'lineage', type: 'graph', layout: 'none', roam: true, symbolSize: 12,
        left, right, top: 20, bottom: 20,
        // Labels of one column that would still touch (many nodes in little height) are hidden, not stacked.
        labelLayout: { hideOverlap: true },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
        lineStyle: { color: '#9aa5b1', curveness: 0.1, opacity: 0.8 },
        emphasis: { focus: 'adjacency' },
        data,
        links: graph.edges.map(e => ({ source: e.from, target: e.to })),
      }],
    });
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `Lineage: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
  } catch (error) {
    element.innerHTML = `<p class="error">${error.message}</p>`;
  } finally {
    element.dataset.ready = 'true';
  }
}
