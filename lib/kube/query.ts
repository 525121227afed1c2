// Query parameters of the Kubernetes-layer API routes (zod), shared by routes and docs. Pure.
import { z } from 'zod';
import { DNS_LABEL, DNS_LABEL_MAX, DNS_SUBDOMAIN, DNS_SUBDOMAIN_MAX } from '@/lib/graph/kubeNames';

export const dnsLabel = z.string().regex(DNS_LABEL, 'must be a Kubernetes name (lower-case DNS label)').max(DNS_LABEL_MAX);
export const objectName = z.string().regex(DNS_SUBDOMAIN, 'must be a Kubernetes object name').max(DNS_SUBDOMAIN_MAX);

export const workloadsQuery = z.object({ namespace: dnsLabel.optional() }).strict();
export const ztunnelTableQuery = z.object({ namespace: dnsLabel.optional() }).strict();

export const ztunnelLogsQuery = z
  .object({
    namespace: dnsLabel.optional(),
    workload: objectName.optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    errors: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
    /** Lines read from each ztunnel. */
    tail: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Only lines newer than this many seconds. */
    since: z.coerce.number().int().min(1).max(7 * 86_400).optional(),
    /** Records returned after filtering. */
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .strict();

export type ZtunnelLogsQuery = z.infer<typeof ztunnelLogsQuery>;
