// Kubernetes names as the API server checks them (RFC 1123), in one place for the routes, the
// PromQL builders, the env, the pages and the simulator. Pure.

/** A DNS-1123 label (namespace names): lower-case alphanumerics and '-'; with at most DNS_LABEL_MAX characters. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_MAX = 63;

/** A DNS-1123 subdomain (most object names, e.g. a Deployment's): a label's characters and '.'; at most DNS_SUBDOMAIN_MAX. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
export const DNS_SUBDOMAIN_MAX = 253;

/** Whether `name` can be a namespace name. */
export const isDnsLabel = (name: string): boolean => name.length <= DNS_LABEL_MAX && DNS_LABEL.test(name);
