import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectedComponents, FORCE_LIMIT, layoutGraph, type LayoutEdge, type LayoutNode } from '../../web/src/pages/cases/chainLayout.ts';

const node = (id: string, kind: 'case' | 'contact' = 'case', order = 0): LayoutNode => ({ id, kind, order });

test('the chain layout: components, determinism, every node placed inside the canvas, no two on one spot', () => {
  const nodes = [node('a', 'case', 1), node('b', 'case', 2), node('k1', 'contact'), node('k2', 'contact'), node('c', 'case', 3), node('lonely', 'case', 4)];
  const edges: LayoutEdge[] = [
    { from: 'a', to: 'b', kind: 'transmission' },
    { from: 'k1', to: 'a', kind: 'contact' },
    { from: 'k2', to: 'b', kind: 'contact' },
    { from: 'c', to: 'k2', kind: 'contact' },
  ];
  const components = connectedComponents(nodes, edges);
  assert.deepEqual(components.map((c) => [...c].sort()), [['a', 'b', 'c', 'k1', 'k2'], ['lonely']]);
  const one = layoutGraph(nodes, edges);
  const two = layoutGraph(nodes, edges);
  assert.deepEqual([...one.positions], [...two.positions], 'the same graph, the same picture');
  assert.equal(one.positions.size, nodes.length);
  const spots = new Set<string>();
  for (const [id, p] of one.positions) {
    assert.ok(p.x >= 0 && p.x <= one.width && p.y >= 0 && p.y <= one.height, `${id} inside`);
    spots.add(`${Math.round(p.x)},${Math.round(p.y)}`);
  }
  assert.equal(spots.size, nodes.length);
});

test('a component above the force limit is laid out in rings, still every node placed', () => {
  const n = FORCE_LIMIT + 20;
  const nodes = [node('root'), ...Array.from({ length: n }, (_, i) => node(`k${i}`, 'contact'))];
  const edges: LayoutEdge[] = nodes.slice(1).map((k) => ({ from: k.id, to: 'root', kind: 'contact' }));
  const layout = layoutGraph(nodes, edges);
  assert.equal(layout.positions.size, n + 1);
  assert.ok(layout.width > 0 && layout.height > 0);
});
