// Kubernetes names as URL parameters of the Kubernetes-layer routes. Pure (zod only), so the
// browser can import it.
import { z } from 'zod';

/** A namespace (or any DNS-1123 label). */
export const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes name (lower-case DNS label)').max(63);

/** A workload or pod name (DNS-1123 subdomain). */
export const objectName = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name').max(253);
