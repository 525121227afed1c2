// Wire types of GET /api/migration/<namespace> (the plan of lib/migration/plan.ts), shared with the browser.

export interface ObjectRef { kind: string; namespace: string; name: string }
export type ItemKind = 'l7-policy' | 'l4-policy' | 'http-routing' | 'caller' | 'callee' | 'switch';

export interface PlanItem {
  kind: ItemKind;
  /** blocker: moving now would break something; change: a step of the move; info: good to know. */
  severity: 'blocker' | 'change' | 'info';
  object?: ObjectRef;
  message: string;
  /** The change to make, in the mesh's words. */
  change?: string;
}

export interface MigrationPlan {
  namespace: string;
  counts: { sidecar: number; ambient: number; none: number };
  state: 'sidecar' | 'ambient' | 'mixed' | 'none';
  needsWaypoint: boolean;
  items: PlanItem[];
  blocked: boolean;
  /** Items about objects in namespaces the user may not see, left out (API only). */
  hiddenItems?: number;
}

/** GET /api/migration/<namespace>. */
export interface MigrationResponse {
  plan: MigrationPlan;
}
