import type { ElementDefinition } from 'cytoscape';
import type { Enrollment } from '@/lib/graph/model';
import { enrollmentWords, mtlsBadge, mtlsDash, mtlsStateWords, type MtlsState } from './names';
import { paletteFor } from './palette';
import type { EdgeHealth, NodeShapeKind } from './to-elements';
import type { BadgeName } from './view-state';

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

const healthWords: Record<EdgeHealth, string> = { ok: 'Traffic without errors', degraded: 'Some errors or failed connections (≥ 1%)', failing: 'Many errors or failed connections (≥ 20%)' };

const securityWords: Record<Exclude<MtlsState, 'unknown'>, string> = {
  full: 'Lock: all traffic mTLS',
  partial: 'Half circle, amber dash-dot line: partly mTLS',
  none: 'Cross, orange dashed line, square at the client: plaintext (not mTLS)',
};

/** What the canvas actually draws: the legend lists these and nothing else. */
export interface DrawnFacts {
  shapes: Set<NodeShapeKind>;
  enrollments: Set<Enrollment>;
  health: Set<EdgeHealth>;
  mtls: Set<MtlsState>;
  denied: boolean;
  inactive: boolean;
  outside: boolean;
  idle: boolean;
  waypointMark: boolean;
}

export function drawnFacts(elements: readonly ElementDefinition[], badges: Record<BadgeName, boolean>): DrawnFacts {
  const facts: DrawnFacts = { shapes: new Set(), enrollments: new Set(), health: new Set(), mtls: new Set(), denied: false, inactive: false, outside: false, idle: false, waypointMark: false };
  for (const { group, data } of elements) {
    if (data.kind === 'box') continue;
    if (badges.waypoint && String(data.label ?? '').includes('⬡')) facts.waypointMark = true;
    if (group === 'nodes') {
      facts.shapes.add(data.shape as NodeShapeKind);
      if (badges.enrollment && data.enrollment) facts.enrollments.add(data.enrollment as Enrollment);
      facts.outside ||= data.outside === true;
      facts.idle ||= data.idle === true;
    } else {
      // The styles that win on the canvas: denied, then (with the Security badge) partial / plaintext colours.
      if (data.denied) facts.denied = true;
      else if (!badges.security || data.mtls === 'full' || data.mtls === 'unknown') facts.health.add(data.health as EdgeHealth);
      if (badges.security && data.mtls !== 'unknown') facts.mtls.add(data.mtls as MtlsState);
      if (!data.active && !data.denied) facts.inactive = true;
    }
  }
  return facts;
}

function Shape({ kind, dark, dashed, faded, border }: { kind: NodeShapeKind; dark: boolean; dashed?: boolean; faded?: boolean; border?: string }) {
  const c = paletteFor(dark).kind[kind];
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 20 20" className="shrink-0" opacity={faded ? 0.5 : 1}>
      <path d={shapePaths[kind]} fill={c.fill} stroke={border ?? c.border} strokeWidth="1.8" strokeDasharray={dashed ? '3 2' : undefined} />
    </svg>
  );
}

function Line({ colour, dash, tee, square }: { colour: string; dash?: string; tee?: boolean; square?: boolean }) {
  return (
    <svg aria-hidden width="28" height="10" viewBox="0 0 28 10" className="shrink-0">
      {square && <rect x="0" y="2.5" width="5" height="5" fill={colour} />}
      <line x1={square ? 5 : 1} y1="5" x2="22" y2="5" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
      {tee ? <path d="M22 1v8" stroke={colour} strokeWidth="3" /> : <path d="M22 1.5L27 5L22 8.5z" fill={colour} />}
    </svg>
  );
}

const dashOf = (state: MtlsState) => mtlsDash[state]?.map((n) => n / 2).join(' ');

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

export function Legend({ dark, facts }: { dark: boolean; facts: DrawnFacts }) {
  const p = paletteFor(dark);
  const shapes = (Object.keys(shapePaths) as NodeShapeKind[]).filter((k) => facts.shapes.has(k));
  const enrollments = (Object.keys(enrollmentWords) as Enrollment[]).filter((e) => facts.enrollments.has(e));
  const health = (Object.keys(healthWords) as EdgeHealth[]).filter((h) => facts.health.has(h));
  const security = (['full', 'partial', 'none'] as const).filter((s) => facts.mtls.has(s));
  return (
    <div className="grid gap-4 sm:grid-cols-2" aria-label="Legend">
      <Group title="Nodes">
        {shapes.map((k) => (
          <Row key={k} icon={<Shape kind={k} dark={dark} />}>{shapeWords[k]}</Row>
        ))}
        {facts.outside && <Row icon={<Shape kind="workload" dark={dark} dashed />}>Dashed border: in a namespace not selected</Row>}
        {facts.idle && <Row icon={<Shape kind="workload" dark={dark} faded />}>Faded: idle (no traffic in the window)</Row>}
        {facts.waypointMark && <Row icon={<span className="text-sm">⬡</span>}>After a name or on an edge: goes through a waypoint</Row>}
      </Group>
      <div className="space-y-4">
        {enrollments.length > 0 && (
          <Group title="Enrollment (node border)">
            {enrollments.map((e) => (
              <Row key={e} icon={<Shape kind="workload" dark={dark} border={p.enrollment[e]} />}>{enrollmentWords[e]}</Row>
            ))}
          </Group>
        )}
        <Group title="Edges">
          {health.map((h) => (
            <Row key={h} icon={<Line colour={p.edge[h]} />}>{healthWords[h]}</Row>
          ))}
          {security.map((s) => (
            <Row key={s} icon={s === 'full' ? <span className="text-sm">{mtlsBadge.full}</span> : <Line colour={p.mtls[s]} dash={dashOf(s)} square={s === 'none'} />}>
              {s === 'full' ? securityWords.full : <><span aria-hidden className="mr-1">{mtlsBadge[s]}</span>{securityWords[s]}</>} <span className="sr-only">({mtlsStateWords[s]})</span>
            </Row>
          ))}
          {facts.denied && <Row icon={<Line colour={p.denied} tee />}>Bar at the server, magenta: connections denied by policy</Row>}
          {facts.inactive && <Row icon={<Line colour={p.edge.ok} dash="1 2" />}>Dotted: no traffic in the window</Row>}
        </Group>
        <p className="text-xs text-slate-500 dark:text-slate-400">Edge labels show the figure chosen under Display; hover an edge or node for its details.</p>
      </div>
    </div>
  );
}
