// The lineage graph: sources and seeds on the left, then staging, intermediate and marts, edges upstream -> downstream.
// Columns are the layers; within a column nodes are spread evenly (a layered drawing, Sugiyama-style, without
// crossing reduction).

import { getJson } from '../api.js';
import { colors } from '../charts.js';

const columnOf = { source: 0, seed: 0, staging: 1, intermediate: 2, marts: 3 };
const colorOf = { source: colors.muted, seed: '#8e6bbf', staging: colors.water, intermediate: '#e08a00', marts: colors.oil };

export async function drawLineage(element) {
  try {
    const graph = await getJson(element.dataset.source);
    if (graph.error || graph.nodes.length === 0) {
      element.innerHTML = `<p class="muted">No lineage: ${graph.error ?? 'the project has no models'}.</p>`;
      return;
    }
    const columns = new Map();
    for (const node of graph.nodes) {
      const column = columnOf[node.layer] ?? 2;
      if (!columns.has(column)) columns.set(column, []);
      columns.get(column).push(node);
    }
    const data = [];
    for (const [column, nodes] of columns) {
      nodes.forEach((node, i) => data.push({
        id: node.id, name: node.id, x: column * 300, y: (i + 1) * (1000 / (nodes.length + 1)),
        itemStyle: { color: colorOf[node.layer] ?? colors.accent },
        label: { show: true, position: column === 3 ? 'left' : 'right', fontSize: 11, formatter: node.name },
        value: node.resource_type,
      }));
    }
    const chart = window.echarts.init(element);
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { formatter: p => (p.dataType === 'edge' ? `${p.data.source} → ${p.data.target}` : `${p.data.id} (${p.data.value})`) },
      series: [{
        id: 'lineage', type: 'graph', layout: 'none', roam: true, symbolSize: 12,
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
        lineStyle: { color: '#9aa5b1', curveness: 0.15, opacity: 0.8 },
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
