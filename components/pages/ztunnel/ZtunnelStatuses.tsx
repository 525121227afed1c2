import type { ZtunnelStatus } from '@/lib/api-client/ztunnel';
import { Notice } from '@/components/ui/States';

/** Which ztunnels did not answer their config_dump: their rows are missing, the others still show. */
export function ZtunnelStatuses({ ztunnels }: { ztunnels: ZtunnelStatus[] }) {
  const failed = ztunnels.filter((z) => !z.ok);
  if (ztunnels.length === 0) return <Notice className="mb-3">No ztunnel pod was found: is ambient mode installed, and may Ambient Lens see the ztunnel namespace?</Notice>;
  if (failed.length === 0) return null;
  return (
    <Notice className="mb-3">
      <span className="font-medium">
        {failed.length === ztunnels.length ? 'No ztunnel answered.' : `${failed.length} of ${ztunnels.length} ztunnels did not answer; the table merges the others.`}
      </span>
      <ul className="mt-1 list-disc pl-5">
        {failed.map((z) => (
          <li key={z.pod} data-testid="ztunnel-unanswered">
            <span className="font-mono">{z.pod}</span> on {z.node ?? 'an unknown node'}: {z.message ?? 'no answer'}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
