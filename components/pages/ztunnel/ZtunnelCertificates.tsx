'use client';

import { useQuery } from '@tanstack/react-query';
import { ztunnelTableQueryOptions } from '@/lib/api-client/ztunnel';
import { certificateHealth, certificateHealthLabel, certificateStatusText, EXPIRY_WARNING_DAYS, type CertificateHealth } from '@/lib/posture/certificates';
import { Badge, type Tone } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { EmptyState } from '@/components/ui/States';
import { Table, Td, Th } from '@/components/ui/Table';
import { cx } from '@/components/ui/cx';
import { QueryView } from '../common/QueryView';
import { CountLine } from '../common/Toolbar';
import { ZtunnelStatuses } from './ZtunnelStatuses';
import { Identity } from '@/components/ui/Identity';

const tone: Record<CertificateHealth, Tone> = { expired: 'bad', expiring: 'warn', unavailable: 'warn', undecodable: 'warn', ok: 'good' };
const order: CertificateHealth[] = ['expired', 'expiring', 'unavailable', 'undecodable', 'ok'];

/** Every ztunnel's certificates (each node holds its own pods'), worst first; expiry within a week is amber, expired red. */
export function ZtunnelCertificates({ q, namespace }: { q: string; namespace: string }) {
  const query = useQuery(ztunnelTableQueryOptions('certificates', { namespace: namespace || undefined }));
  return (
    <QueryView query={query} what="certificates">
      {(data) => {
        const now = new Date();
        const rows = data.certificates
          .filter((c) => !q || c.identity.toLowerCase().includes(q.toLowerCase()) || (c.node ?? '').includes(q))
          .map((c) => ({ ...c, health: certificateHealth(c, now) }))
          .sort((a, b) => order.indexOf(a.health) - order.indexOf(b.health) || a.identity.localeCompare(b.identity) || Number(a.root) - Number(b.root));
        const problems = rows.filter((r) => r.health !== 'ok').length;
        return (
          <>
            <ZtunnelStatuses ztunnels={data.ztunnels} />
            {data.certificates.length === 0 ? (
              <EmptyState title="No certificates">The ztunnels that answered hold no workload certificate for the namespaces you may see.</EmptyState>
            ) : (
              <Panel>
                <Table caption="ztunnel certificates">
                  <thead>
                    <tr><Th>Certificate name</Th><Th>Node</Th><Th>Type</Th><Th>Status</Th><Th>Valid</Th><Th>Serial number</Th><Th>Not after</Th><Th>Expires in</Th></tr>
                  </thead>
                  <tbody>
                    {rows.map((c, i) => (
                      <tr key={`${c.ztunnel}/${c.identity}/${c.serial ?? i}/${c.root}`} data-testid="certificate-row" data-health={c.health} className={cx(c.health === 'expired' && 'bg-red-50/70 dark:bg-red-950/25', c.health === 'expiring' && 'bg-amber-50/70 dark:bg-amber-950/25')}>
                        <Td className="min-w-56 text-xs"><Identity value={c.identity} /></Td>
                        <Td className="text-xs whitespace-nowrap">{c.node ?? c.ztunnel}</Td>
                        <Td className="text-xs">{c.root ? 'Root' : (c.type ?? '—')}</Td>
                        <Td className="text-xs">{c.state}</Td>
                        <Td>{c.valid === undefined ? '—' : c.valid ? 'true' : 'false'}</Td>
                        <Td className="max-w-36 font-mono text-[11px] break-all">{c.serial ?? '—'}</Td>
                        <Td className="font-mono text-[11px] whitespace-nowrap">{c.notAfter?.replace('.000Z', 'Z') ?? '—'}</Td>
                        <Td className="whitespace-nowrap">
                          <Badge tone={tone[c.health]} title={c.problem ?? certificateHealthLabel[c.health]}>{certificateStatusText(c.health, c.notAfter, now)}</Badge>
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <div className="flex justify-between border-t border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
                  <CountLine shown={rows.length} total={data.certificates.length} noun="certificates" />
                  <span>{problems > 0 ? `${problems} need attention (expired, or expiring within ${EXPIRY_WARNING_DAYS} days, or a workload certificate past three quarters of its life, or not available)` : 'All certificates are valid for more than a week'}</span>
                </div>
              </Panel>
            )}
          </>
        );
      }}
    </QueryView>
  );
}
