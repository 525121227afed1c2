import { describe, expect, it } from 'vitest';
import { apiQueryOptions, apiUrl, LIVE_REFRESH_MS } from './resource';
import { ztunnelLogsQueryOptions, ztunnelTableQueryOptions } from './ztunnel';

describe('apiQueryOptions', () => {
  it('keys on [path, params], so equal questions share one cache entry', () => {
    expect(apiQueryOptions('/api/ztunnel/workloads', { namespace: 'bookinfo' }).queryKey).toEqual(['/api/ztunnel/workloads', { namespace: 'bookinfo' }]);
    expect(ztunnelTableQueryOptions('policies').queryKey).toEqual(ztunnelTableQueryOptions('policies', {}).queryKey);
  });

  it('leaves undefined and empty parameters out of the URL', () => {
    expect(apiUrl('/api/ztunnel/logs', { namespace: undefined, workload: '', tail: 10, errors: 'true' })).toBe('/api/ztunnel/logs?tail=10&errors=true');
    expect(apiUrl('/api/namespaces')).toBe('/api/namespaces');
  });

  it('refreshes live state unless the caller says otherwise', () => {
    expect(ztunnelLogsQueryOptions({ limit: 100 }).refetchInterval).toBe(LIVE_REFRESH_MS);
    expect(ztunnelLogsQueryOptions({ limit: 100 }, { refetchInterval: false }).refetchInterval).toBe(false);
  });
});
