import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useI18n } from '../../i18n';
import { CLASSIFICATION_COLOUR } from './caseTags';
import { layoutGraph } from './chainLayout';
import type { ChainEdge, ChainGraph, ChainNode } from './types';

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

const HEIGHT = 620;
const CASE_R = 9;
const CONTACT_R = 4;

function edgeStyle(e: ChainEdge): { stroke: string; width: number; dash?: string; marker?: string; opacity?: number } {
  if (e.kind === 'contact') return { stroke: '#bfbfbf', width: 0.8 };
  if (e.status === 'confirmed') return { stroke: '#434343', width: 1.8, marker: 'url(#chain-arrow)' };
  if (e.status === 'rejected') return { stroke: '#ff7875', width: 1, dash: '2 4', opacity: 0.6 };
  return { stroke: '#595959', width: 1.5, dash: '6 4', marker: 'url(#chain-arrow)' };
}

/**
 * The transmission-chain graph as SVG: cases coloured by classification (click one to open it),
 * contacts as small grey leaves, transmission links as arrows (confirmed solid, suggested dashed),
 * contact relations as thin lines. Wheel to zoom, drag to pan.
 */
export function ChainGraphView({ graph, highlight, onOpenCase }: { graph: ChainGraph; highlight: string | null; onOpenCase: (id: string) => void }) {
  const { t, tk } = useI18n();
  const layout = useMemo(
    () =>
      layoutGraph(
        graph.nodes.map((n) => ({ id: n.id, kind: n.kind, order: n.reportedAt ? Date.parse(n.reportedAt) : Number.MAX_SAFE_INTEGER })),
        graph.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind })),
      ),
    [graph],
  );
  const fit = useMemo<View>(() => {
    // Keep the picture's proportions inside the box's (the SVG is as wide as its card).
    const w = Math.max(layout.width, 600);
    const h = Math.max(layout.height, (w * HEIGHT) / 1200);
    // A small picture sits in the middle rather than in a corner.
    return { x: (layout.width - w) / 2, y: (layout.height - h) / 2, w, h };
  }, [layout]);
  const [view, setView] = useState<View>(fit);
  useEffect(() => setView(fit), [fit]);
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  const zoom = (factor: number, cx = 0.5, cy = 0.5) =>
    setView((v) => {
      const w = Math.min(Math.max(v.w * factor, 80), fit.w * 4);
      const h = (w / v.w) * v.h;
      return { x: v.x + (v.w - w) * cx, y: v.y + (v.h - h) * cy, w, h };
    });

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, view, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || !svg.current) return;
    const dxPx = e.clientX - d.x;
    const dyPx = e.clientY - d.y;
    if (!d.moved && Math.abs(dxPx) + Math.abs(dyPx) < 4) return;
    d.moved = true;
    const r = svg.current.getBoundingClientRect();
    // The viewBox keeps its aspect ratio ("meet"): one screen pixel is the larger of the two scales.
    const scale = Math.max(d.view.w / r.width, d.view.h / r.height);
    setView({ ...d.view, x: d.view.x - dxPx * scale, y: d.view.y - dyPx * scale });
  };
  const onPointerUp = () => {
    // Released after a drag: the click that follows is not an open.
    setTimeout(() => (drag.current = null), 0);
  };
  const open = (n: ChainNode) => {
    if (drag.current?.moved) return;
    if (n.kind === 'case') onOpenCase(n.id);
  };

  const dim = (clusterId: string) => (highlight && clusterId !== highlight ? 0.15 : 1);
  const at = (id: string) => layout.positions.get(id);

  return (
    <div style={{ position: 'relative' }}>
      <Space style={{ position: 'absolute', top: 8, right: 8, zIndex: 1 }}>
        <Button size="small" icon={<ZoomInOutlined />} aria-label={t('chains.zoomIn')} onClick={() => zoom(1 / 1.3)} />
        <Button size="small" icon={<ZoomOutOutlined />} aria-label={t('chains.zoomOut')} onClick={() => zoom(1.3)} />
        <Button size="small" icon={<CompressOutlined />} aria-label={t('chains.fit')} onClick={() => setView(fit)} data-testid="chain-fit" />
      </Space>
      <svg
        ref={svg}
        width="100%"
        height={HEIGHT}
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, cursor: 'grab', touchAction: 'none', userSelect: 'none' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={onPointerUp}
        role="img"
        aria-label={t('chains.title')}
        data-testid="chain-graph"
      >
        <defs>
          <marker id="chain-arrow" viewBox="0 0 10 10" refX={10 + CASE_R} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#434343" />
          </marker>
        </defs>
        <g>
          {graph.edges.map((e) => {
            const a = at(e.from);
            const b = at(e.to);
            if (!a || !b) return null;
            const s = edgeStyle(e);
            const from = byId.get(e.from);
            return (
              <line
                key={`${e.kind}:${e.id}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                stroke={s.stroke}
                strokeWidth={s.width}
                strokeDasharray={s.dash}
                markerEnd={s.marker}
                opacity={(s.opacity ?? 1) * dim(from?.clusterId ?? '')}
                data-testid="chain-edge"
                data-kind={e.kind}
                data-status={e.status}
              >
                <title>{`${tk('linkStatus', e.status)} · ${e.evidence}`}</title>
              </line>
            );
          })}
        </g>
        <g>
          {graph.nodes.map((n) => {
            const p = at(n.id);
            if (!p) return null;
            const isCase = n.kind === 'case';
            const fill = isCase ? (CLASSIFICATION_COLOUR[n.classification ?? ''] ?? '#1677ff') : n.degree === 'secondary' ? '#d9d9d9' : '#8c8c8c';
            return (
              <g
                key={`${n.kind}:${n.id}`}
                transform={`translate(${p.x},${p.y})`}
                opacity={dim(n.clusterId)}
                style={{ cursor: isCase ? 'pointer' : 'default' }}
                onClick={() => open(n)}
                data-testid="chain-node"
                data-kind={n.kind}
                data-id={n.id}
                data-label={n.label}
              >
                <circle r={isCase ? CASE_R : CONTACT_R} fill={fill} stroke="#fff" strokeWidth={isCase ? 2 : 1} />
                {isCase && (
                  <text y={CASE_R + 11} textAnchor="middle" fontSize={10} fill="#262626">
                    {n.label}
                  </text>
                )}
                <title>
                  {isCase ? `${n.label} · ${tk('classification', n.classification ?? '')}${n.reportedAt ? ` · ${n.reportedAt.slice(0, 10)}` : ''}` : `${n.label} · ${tk('degree', n.degree ?? 'close')}`}
                </title>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}

/** What the colours and strokes mean. */
export function ChainLegend() {
  const { t, tk } = useI18n();
  const dot = (colour: string, r: number) => (
    <svg width={2 * r + 4} height={2 * r + 4} aria-hidden>
      <circle cx={r + 2} cy={r + 2} r={r} fill={colour} />
    </svg>
  );
  const line = (stroke: string, width: number, dash?: string) => (
    <svg width={34} height={10} aria-hidden>
      <line x1={2} y1={5} x2={32} y2={5} stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
  return (
    <Space wrap size={16} style={{ marginTop: 8, fontSize: 12 }} data-testid="chain-legend">
      {Object.entries(CLASSIFICATION_COLOUR).map(([c, colour]) => (
        <span key={c}>
          {dot(colour, 6)} {tk('classification', c)}
        </span>
      ))}
      <span>
        {dot('#8c8c8c', 4)} {tk('degree', 'close')}
      </span>
      <span>
        {dot('#d9d9d9', 4)} {tk('degree', 'secondary')}
      </span>
      <span>
        {line('#434343', 1.8)} {t('chains.confirmedLink')}
      </span>
      <span>
        {line('#595959', 1.5, '6 4')} {t('chains.suggestedLink')}
      </span>
      <span>
        {line('#bfbfbf', 0.8)} {t('chains.contactEdge')}
      </span>
    </Space>
  );
}
