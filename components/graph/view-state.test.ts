import { describe, expect, it } from 'vitest';
import { defaultViewState, formatDuration, parseViewState, serializeViewState, toGraphRequest, type GraphViewState } from './view-state';

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe('view state <-> URL', () => {
  it('gives the defaults for an empty link, and an empty link for the defaults', () => {
    expect(parse('')).toEqual({ state: defaultViewState, problems: [] });
    expect(serializeViewState(defaultViewState).toString()).toBe('');
  });

  it('round-trips a view with every field changed', () => {
    const view: GraphViewState = {
      namespaces: ['bookinfo', 'istio-system'],
      graphType: 'versionedApp',
      duration: 3600,
      queryTime: 1_760_000_000,
      refresh: 0,
      layout: 'force',
      edgeLabel: 'mtls',
      badges: { security: true, waypoint: false, enrollment: false },
      idle: true,
      waypoints: 'merge',
      boxes: true,
      animation: true,
      find: 'mtls<100 and protocol=tcp',
      hide: 'namespace=istio-system',
      collapse: { namespaces: ['istio-system'], apps: ['bookinfo/reviews'] },
      selected: 'edge:a->b',
      protocols: ['http', 'tcp'],
      telemetry: ['waypoint'],
      focus: 'wl:Kubernetes:bookinfo:productpage-v1',
      map: 'off',
      expand: ['ns-001', 'ns-002'],
    };
    const link = serializeViewState(view).toString();
    expect(parse(link)).toEqual({ state: view, problems: [] });
  });

  it('keeps the Traffic menu in the URL in a fixed order, reporting unknown items', () => {
    const link = serializeViewState({ ...defaultViewState, protocols: ['tcp', 'http'], telemetry: ['ztunnel'] }).toString();
    expect(link).toBe('protocols=http%2Ctcp&telemetry=ztunnel');
    expect(parse('protocols=tcp,smtp')).toEqual({
      state: { ...defaultViewState, protocols: ['tcp'] },
      problems: ['protocols item "smtp" is not one of http, grpc, tcp'],
    });
    expect(parse('protocols=grpc,tcp,http').state.protocols).toEqual(['http', 'grpc', 'tcp']);
  });

  it('asks the API for the node graph of a focus', () => {
    expect(toGraphRequest({ ...defaultViewState, namespaces: ['a'], focus: 'wl:c:a:web' }).focus).toBe('wl:c:a:web');
    expect('focus' in toGraphRequest({ ...defaultViewState, namespaces: ['a'] })).toBe(false);
  });

  it('keeps equal views on equal links whatever the namespace order', () => {
    const a = serializeViewState({ ...defaultViewState, namespaces: ['b', 'a'] }).toString();
    const b = serializeViewState({ ...defaultViewState, namespaces: ['a', 'b'] }).toString();
    expect(a).toBe(b);
    expect(a).toBe('namespaces=a%2Cb');
  });

  it('can turn every badge off, which is not the default', () => {
    const none = { ...defaultViewState, badges: { security: false, waypoint: false, enrollment: false } };
    expect(serializeViewState(none).get('badges')).toBe('');
    expect(parse('badges=').state.badges).toEqual(none.badges);
  });

  it('falls back to the default for values it does not know, and says so', () => {
    const { state, problems } = parse('graphType=pods&duration=7&refresh=5&layout=spiral&idle=maybe&queryTime=yesterday&badges=security,sparkles');
    expect(state.graphType).toBe('workload');
    expect(state.duration).toBe(600);
    expect(state.refresh).toBe(30);
    expect(state.layout).toBe('layered');
    expect(state.idle).toBe(false);
    expect(state.queryTime).toBeNull();
    expect(state.badges).toEqual({ security: true, waypoint: false, enrollment: false });
    expect(problems).toHaveLength(7);
    expect(problems.some((p) => p.startsWith('graphType=pods is not one of workload'))).toBe(true);
  });

  it('reads collapse items and rejects malformed ones', () => {
    const { state, problems } = parse('collapse=ns:*,app:bookinfo/reviews,app:nope,ns:');
    expect(state.collapse).toEqual({ namespaces: ['*'], apps: ['bookinfo/reviews'] });
    expect(problems).toHaveLength(2);
  });

  it('drops duplicate, empty and invalid namespaces', () => {
    expect(parse('namespaces=b,,a,b').state.namespaces).toEqual(['a', 'b']);
    const { state, problems } = parse('namespaces=bookinfo,Bad_Name');
    expect(state.namespaces).toEqual(['bookinfo']);
    expect(problems).toEqual(['"Bad_Name" is not a namespace name']);
  });
});

describe('toGraphRequest', () => {
  it('asks the API only what it answers, with no queryTime when following now', () => {
    expect(toGraphRequest({ ...defaultViewState, namespaces: ['bookinfo'] })).toEqual({
      namespaces: ['bookinfo'],
      graphType: 'workload',
      duration: 600,
      idle: false,
      waypoints: 'show',
    });
    expect(toGraphRequest({ ...defaultViewState, queryTime: 42 }).queryTime).toBe(42);
  });
});

it('formats durations the way the toolbar shows them', () => {
  expect([60, 600, 3600, 10800, 86400, 90].map(formatDuration)).toEqual(['1m', '10m', '1h', '3h', '1d', '90s']);
});
