import { describe, expect, it } from 'vitest';
import { GraphParams, parseGraphParams } from './query';
import { graphParamNames, graphSearchParams } from './request';

const now = () => 1_700_000_000;
const parse = (params: Record<string, string>) => parseGraphParams(new URLSearchParams(params), now);

describe('parseGraphParams', () => {
  it('applies defaults and normalises namespaces', () => {
    expect(parse({ namespaces: 'reviews, bookinfo,bookinfo' })).toEqual({
      ok: true,
      query: { namespaces: ['bookinfo', 'reviews'], graphType: 'workload', duration: 600, queryTime: 1_700_000_000, idle: false, waypoints: 'show' },
    });
  });

  it('accepts durations in seconds or with a unit', () => {
    for (const [raw, seconds] of [['60', 60], ['600s', 600], ['5m', 300], ['1h', 3600], ['1d', 86_400]] as const) {
      const r = parse({ namespaces: 'a', duration: raw });
      expect(r.ok && r.query.duration).toBe(seconds);
    }
  });

  it.each([
    [{}, 'namespaces'],
    [{ namespaces: 'Bookinfo' }, 'namespaces'],
    [{ namespaces: 'a,b_c' }, 'namespaces'],
    [{ namespaces: 'x"}[5m]) or vector(1' }, 'namespaces'],
    [{ namespaces: 'a'.repeat(64) }, 'namespaces'],
    [{ namespaces: Array.from({ length: 201 }, (_, i) => `ns${i}`).join(',') }, 'namespaces'],
    [{ namespaces: 'a', graphType: 'pods' }, 'graphType'],
    [{ namespaces: 'a', duration: '59' }, 'duration'],
    [{ namespaces: 'a', duration: '2d' }, 'duration'],
    [{ namespaces: 'a', duration: '5 m' }, 'duration'],
    [{ namespaces: 'a', queryTime: String(1_700_000_000 + 61) }, 'queryTime'],
    [{ namespaces: 'a', queryTime: '-5' }, 'queryTime'],
    [{ namespaces: 'a', queryTime: '1.5' }, 'queryTime'],
    [{ namespaces: 'a', idle: 'yes' }, 'idle'],
    [{ namespaces: 'a', waypoints: 'hide' }, 'waypoints'],
  ])('rejects %j naming %s', (params, parameter) => {
    const r = parse(params as Record<string, string>);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.parameter).toBe(parameter);
      expect(r.message.startsWith(`${parameter}:`)).toBe(true);
    }
  });

  it('clamps a slightly early-running client clock to now', () => {
    const r = parse({ namespaces: 'a', queryTime: String(1_700_000_030) });
    expect(r.ok && r.query.queryTime).toBe(1_700_000_000);
  });

  it('round-trips through search params', () => {
    const r = parse({ namespaces: 'bookinfo', graphType: 'app', duration: '1h', idle: 'true', waypoints: 'merge', queryTime: '1699999000' });
    if (!r.ok) throw new Error(r.message);
    expect(parseGraphParams(graphSearchParams(r.query), now)).toEqual(r);
  });
});

describe('the browser side of the parameters (request.ts)', () => {
  it('names exactly the schema\'s parameters, in its order', () => {
    expect(GraphParams.keyof().options).toEqual([...graphParamNames]);
  });
});
