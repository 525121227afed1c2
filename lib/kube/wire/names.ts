// Kubernetes names as URL parameters of the Kubernetes-layer routes. Pure (zod only), so the
// browser can import it.
import { z } from 'zod';
import { DNS_LABEL, DNS_LABEL_MAX, DNS_SUBDOMAIN, DNS_SUBDOMAIN_MAX } from '@/lib/graph/kube-names';

/** A namespace (or any DNS-1123 label). */
export const dnsLabel = z.string().regex(DNS_LABEL, 'must be a Kubernetes name (lower-case DNS label)').max(DNS_LABEL_MAX);

/** A workload or pod name (DNS-1123 subdomain). */
export const objectName = z.string().regex(DNS_SUBDOMAIN, 'must be a Kubernetes object name').max(DNS_SUBDOMAIN_MAX);
