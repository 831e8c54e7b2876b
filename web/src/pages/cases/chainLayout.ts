/**
 * Lays out a transmission-chain graph without a library: each connected component on its own
 * (a spring-electrical simulation for small ones, rings by distance from the first case for large
 * ones), then the components packed in rows, largest first. Pure and deterministic: the same graph
 * always gets the same picture (no randomness; initial positions on a spiral).
 */

export interface LayoutNode {
  id: string;
  kind: 'case' | 'contact';
  /** Sort key for stable results (the report time for a case). */
  order: number;
}
export interface LayoutEdge {
  from: string;
  to: string;
  kind: 'transmission' | 'contact';
}
export interface Point {
  x: number;
  y: number;
}
export interface Layout {
  positions: Map<string, Point>;
  width: number;
  height: number;
}

/** Above this many nodes a component is drawn in rings: the simulation is quadratic per step. */
export const FORCE_LIMIT = 300;
const CASE_SPACE = 46;
const CONTACT_SPACE = 16;
const EDGE_LENGTH = { transmission: 80, contact: 30 } as const;
const PADDING = 40;

/** Connected components, each in node order, the components largest first (then earliest). */
export function connectedComponents(nodes: LayoutNode[], edges: LayoutEdge[]): string[][] {
  const parent = new Map<string, string>(nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (parent.get(c) !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const e of edges) {
    if (!parent.has(e.from) || !parent.has(e.to)) continue;
    const a = find(e.from);
    const b = find(e.to);
    if (a !== b) parent.set(a, b);
  }
  const sorted = [...nodes].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const groups = new Map<string, string[]>();
  for (const n of sorted) {
    const root = find(n.id);
    const g = groups.get(root);
    if (g) g.push(n.id);
    else groups.set(root, [n.id]);
  }
  const rank = new Map(sorted.map((n, i) => [n.id, i]));
  return [...groups.values()].sort((a, b) => b.length - a.length || rank.get(a[0])! - rank.get(b[0])!);
}

function adjacencyOf(ids: string[], edges: LayoutEdge[]): Map<string, string[]> {
  const inside = new Set(ids);
  const adj = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!inside.has(e.from) || !inside.has(e.to)) continue;
    adj.get(e.from)!.push(e.to);
    adj.get(e.to)!.push(e.from);
  }
  return adj;
}

/** Breadth-first order and depth from the component's first node. */
function bfs(ids: string[], adj: Map<string, string[]>): { order: string[]; depth: Map<string, number> } {
  const depth = new Map<string, number>([[ids[0], 0]]);
  const order = [ids[0]];
  for (let i = 0; i < order.length; i++) {
    for (const next of adj.get(order[i]) ?? []) {
      if (depth.has(next)) continue;
      depth.set(next, depth.get(order[i])! + 1);
      order.push(next);
    }
  }
  // A component is connected, but be safe with ids an edge did not reach.
  for (const id of ids) {
    if (depth.has(id)) continue;
    depth.set(id, 0);
    order.push(id);
  }
  return { order, depth };
}

/** Spring-electrical layout of one small component. */
export function forceLayout(ids: string[], edges: LayoutEdge[], kindOf: (id: string) => 'case' | 'contact'): Map<string, Point> {
  const n = ids.length;
  const pos = new Map<string, Point>();
  if (n === 0) return pos;
  const adj = adjacencyOf(ids, edges);
  const { order } = bfs(ids, adj);
  // A spiral in breadth-first order: neighbours start near each other.
  order.forEach((id, i) => pos.set(id, { x: 18 * Math.sqrt(i) * Math.cos(i * 2.39996), y: 18 * Math.sqrt(i) * Math.sin(i * 2.39996) }));
  if (n === 1) return pos;
  const inside = new Set(ids);
  const springs = edges.filter((e) => inside.has(e.from) && inside.has(e.to) && e.from !== e.to);
  const space = (id: string) => (kindOf(id) === 'case' ? CASE_SPACE : CONTACT_SPACE);
  const iterations = n <= 60 ? 300 : n <= 150 ? 160 : 80;
  const pts = order.map((id) => pos.get(id)!);
  const spaces = order.map(space);
  const index = new Map(order.map((id, i) => [id, i]));
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const temp = 30 * (1 - it / iterations) + 0.5;
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = pts[i].x - pts[j].x;
        let ddy = pts[i].y - pts[j].y;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 0.01) {
          // Coincident points: push apart along a fixed direction.
          ddx = 0.1 * (i - j);
          ddy = 0.1;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (spaces[i] * spaces[j]) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const e of springs) {
      const a = index.get(e.from)!;
      const b = index.get(e.to)!;
      const ddx = pts[b].x - pts[a].x;
      const ddy = pts[b].y - pts[a].y;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = (0.3 * (d - EDGE_LENGTH[e.kind])) / d;
      dx[a] += ddx * f;
      dy[a] += ddy * f;
      dx[b] -= ddx * f;
      dy[b] -= ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps loose parts together.
      dx[i] -= pts[i].x * 0.01;
      dy[i] -= pts[i].y * 0.01;
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len === 0) continue;
      const step = Math.min(len, temp);
      pts[i].x += (dx[i] / len) * step;
      pts[i].y += (dy[i] / len) * step;
    }
  }
  return pos;
}

/** Rings by breadth-first distance from the component's first node (large components). */
export function ringLayout(ids: string[], edges: LayoutEdge[]): Map<string, Point> {
  const { order, depth } = bfs(ids, adjacencyOf(ids, edges));
  const rings = new Map<number, string[]>();
  for (const id of order) {
    const d = depth.get(id)!;
    const r = rings.get(d);
    if (r) r.push(id);
    else rings.set(d, [id]);
  }
  const pos = new Map<string, Point>();
  let radius = 0;
  for (const [d, members] of [...rings].sort((a, b) => a[0] - b[0])) {
    // Enough circumference for every member of the ring, and at least one step out.
    radius = d === 0 ? 0 : Math.max(radius + 70, (members.length * 22) / (2 * Math.PI));
    members.forEach((id, i) => {
      const a = (2 * Math.PI * i) / members.length;
      pos.set(id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  }
  return pos;
}

/** The whole graph: components laid out one by one, then packed in rows no wider than `maxWidth` (unless one component is). */
export function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[], maxWidth = 1200): Layout {
  const kinds = new Map(nodes.map((n) => [n.id, n.kind]));
  const kindOf = (id: string) => kinds.get(id) ?? 'case';
  const boxes = connectedComponents(nodes, edges).map((ids) => {
    const local = ids.length > FORCE_LIMIT ? ringLayout(ids, edges) : forceLayout(ids, edges, kindOf);
    const xs = [...local.values()].map((p) => p.x);
    const ys = [...local.values()].map((p) => p.y);
    const minX = Math.min(...xs);
    const minY = Math.min(...ys);
    return { local, minX, minY, w: Math.max(...xs) - minX + 2 * PADDING, h: Math.max(...ys) - minY + 2 * PADDING };
  });
  const width = Math.max(maxWidth, ...boxes.map((b) => b.w));
  const positions = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let usedWidth = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > width) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    for (const [id, p] of b.local) positions.set(id, { x: x + PADDING + p.x - b.minX, y: y + PADDING + p.y - b.minY });
    x += b.w;
    usedWidth = Math.max(usedWidth, x);
    rowHeight = Math.max(rowHeight, b.h);
  }
  return { positions, width: Math.max(usedWidth, 1), height: Math.max(y + rowHeight, 1) };
}
