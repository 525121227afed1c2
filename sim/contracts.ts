// What the simulated Kubernetes API server (sim/kube-api) needs from the simulated mesh
// (sim/mesh): the mesh owns the objects in the store and answers the non-CRUD endpoints.

export interface PodLogOptions {
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
}

/** A plain HTTP exchange carried over a port-forward stream. */
export interface ForwardedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
export interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SimUser {
  username: string;
  groups: string[];
  /** Namespaces this user may get/list/watch in; '*' is every namespace (cluster-wide). */
  namespaces: string[] | '*';
}

export interface MeshHooks {
  /** The text of a container's log, or undefined when the pod does not exist. */
  podLogs(namespace: string, pod: string, options: PodLogOptions): string | undefined;
  /**
   * What listens on a pod's port, as an HTTP handler (ztunnel's admin port 15000 serves /config_dump).
   * undefined: nothing listens there (the port-forward fails as a real one does).
   */
  portForward(namespace: string, pod: string, port: number): ((req: ForwardedRequest) => ForwardedResponse) | undefined;
  /** Bearer token -> user; undefined for an unknown token (401). */
  authenticate(token: string): SimUser | undefined;
  /** A known user by name, for `Impersonate-User` (kubectl --as); unknown names get no permissions. */
  userNamed?(username: string): SimUser | undefined;
}
