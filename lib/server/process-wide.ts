// One value per process, kept on globalThis: Next bundles proxy.ts, route handlers and pages
// separately and re-evaluates modules on dev reloads, yet some things must exist once (the
// Kubernetes layer's watches, the metrics registry's counts). The one place that writes globalThis.

/** The value stored under `name`, created on first use (a failed creation stores nothing). */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as typeof globalThis & Record<symbol, unknown>;
  const key = Symbol.for(`ambient-lens.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
