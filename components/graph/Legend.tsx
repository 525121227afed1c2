import type { Enrollment } from '@/lib/graph/model';
import { enrollmentWords, mtlsBadge, mtlsStateWords, type MtlsState } from './names';
import { paletteFor } from './palette';
import type { EdgeHealth, NodeShapeKind } from './to-elements';

// Same shapes as palette.ts's nodeShapes, drawn as 20x20 SVG.
const shapePaths: Record<NodeShapeKind, string> = {
  workload: 'M10 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16z',
  app: 'M5 3h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  service: 'M10 2l8 15H2z',
  waypoint: 'M6 2.5h8l4 7.5l-4 7.5H6l-4-7.5z',
  gateway: 'M2 4h11l5 6l-5 6H2z',
  unknown: 'M10 1.5l8.5 8.5l-8.5 8.5l-8.5-8.5z',
  external: 'M10 2l8 6l-3 9H5l-3-9z',
  aggregate: 'M7 2h6l5 5v6l-5 5H7l-5-5V7z',
};

const shapeWords: Record<NodeShapeKind, string> = {
  workload: 'Workload',
  app: 'App',
  service: 'Service',
  waypoint: 'Waypoint',
  gateway: 'Ingress gateway',
  unknown: 'Unknown source (client outside the mesh)',
  external: 'External destination',
  aggregate: 'Collapsed namespace or app',
};

const healthWords: Record<EdgeHealth, string> = { ok: 'Healthy traffic', degraded: 'Some errors or denied connections', failing: 'Many errors (≥ 20%)' };

function Shape({ kind, dark, dashed, faded, border }: { kind: NodeShapeKind; dark: boolean; dashed?: boolean; faded?: boolean; border?: string }) {
  const c = paletteFor(dark).kind[kind];
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 20 20" className="shrink-0" opacity={faded ? 0.5 : 1}>
      <path d={shapePaths[kind]} fill={c.fill} stroke={border ?? c.border} strokeWidth="1.8" strokeDasharray={dashed ? '3 2' : undefined} />
    </svg>
  );
}

function Line({ colour, dotted }: { colour: string; dotted?: boolean }) {
  return (
    <svg aria-hidden width="28" height="10" viewBox="0 0 28 10" className="shrink-0">
      <line x1="1" y1="5" x2="22" y2="5" stroke={colour} strokeWidth="2" strokeDasharray={dotted ? '2 3' : undefined} />
      <path d="M22 1.5L27 5L22 8.5z" fill={colour} />
    </svg>
  );
}

function Row({ icon, children }: { icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <li className="flex items-center gap-2">
      <span className="flex w-7 justify-center">{icon}</span>
      <span>{children}</span>
    </li>
  );
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">{title}</h3>
      <ul className="space-y-1 text-xs">{children}</ul>
    </div>
  );
}

export function Legend({ dark }: { dark: boolean }) {
  const p = paletteFor(dark);
  return (
    <div className="grid gap-4 sm:grid-cols-2" aria-label="Legend">
      <Group title="Nodes">
        {(Object.keys(shapePaths) as NodeShapeKind[]).map((k) => (
          <Row key={k} icon={<Shape kind={k} dark={dark} />}>{shapeWords[k]}</Row>
        ))}
        <Row icon={<Shape kind="workload" dark={dark} dashed />}>In a namespace not selected</Row>
        <Row icon={<Shape kind="workload" dark={dark} faded />}>Idle (no traffic in the window)</Row>
      </Group>
      <div className="space-y-4">
        <Group title="Enrollment (node border)">
          {(Object.keys(enrollmentWords) as Enrollment[]).map((e) => (
            <Row key={e} icon={<Shape kind="workload" dark={dark} border={p.enrollment[e]} />}>{enrollmentWords[e]}</Row>
          ))}
        </Group>
        <Group title="Edges">
          {(Object.keys(healthWords) as EdgeHealth[]).map((h) => (
            <Row key={h} icon={<Line colour={p.edge[h]} />}>{healthWords[h]}</Row>
          ))}
          <Row icon={<Line colour={p.edge.ok} dotted />}>No traffic in the window</Row>
        </Group>
        <Group title="Badges">
          {(['full', 'partial', 'none'] as MtlsState[]).map((s) => (
            <Row key={s} icon={<span className="text-sm">{mtlsBadge[s]}</span>}>
              {s === 'full' ? 'All traffic mTLS' : s === 'partial' ? 'Partly mTLS' : 'Plaintext (not mTLS)'} <span className="sr-only">({mtlsStateWords[s]})</span>
            </Row>
          ))}
          <Row icon={<span className="text-sm">⬡</span>}>Goes through a waypoint</Row>
        </Group>
      </div>
    </div>
  );
}
