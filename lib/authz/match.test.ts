import { describe, expect, it } from 'vitest';
import { all, any, inBlock, matchConditionL4, matchesPattern, matchOperationL4, matchSourceL4, not, parseBlock, type ConnectionFacts } from './match';
import { matchCondition, matchOperationL7, matchSourceL7 } from './l7';

const pp: ConnectionFacts = { peer: { principal: 'cluster.local/ns/bookinfo/sa/bookinfo-productpage', namespace: 'bookinfo', ip: '10.0.1.10' }, port: 9080, destinationIp: '10.0.1.12' };
const plain: ConnectionFacts = { peer: { ip: '10.0.2.5' }, port: 9080 };
const unknownIp: ConnectionFacts = { peer: { principal: 'cluster.local/ns/bookinfo/sa/waypoint', namespace: 'bookinfo' }, port: 9080 };

describe('three-valued logic', () => {
  it('and, or, not', () => {
    expect(all([])).toBe('yes');
    expect(all(['yes', 'maybe'])).toBe('maybe');
    expect(all(['maybe', 'no'])).toBe('no');
    expect(any([])).toBe('no');
    expect(any(['no', 'maybe'])).toBe('maybe');
    expect(any(['maybe', 'yes'])).toBe('yes');
    expect([not('yes'), not('no'), not('maybe')]).toEqual(['no', 'yes', 'maybe']);
  });
});

describe('matchesPattern: Istio string match', () => {
  it.each([
    ['*', 'anything', true],
    ['*', '', false],
    ['*', undefined, false],
    ['cluster.local/ns/bookinfo/*', 'cluster.local/ns/bookinfo/sa/x', true],
    ['cluster.local/ns/bookinfo/*', 'cluster.local/ns/other/sa/x', false],
    ['*/sa/bookinfo-productpage', 'cluster.local/ns/bookinfo/sa/bookinfo-productpage', true],
    ['*/sa/bookinfo-productpage', 'cluster.local/ns/bookinfo/sa/bookinfo-ratings', false],
    ['bookinfo', 'bookinfo', true],
    ['bookinfo', 'bookinfo2', false],
  ] as const)('%s ~ %s = %s', (pattern, value, expected) => {
    expect(matchesPattern(pattern, value)).toBe(expected);
  });
});

describe('IP blocks', () => {
  it.each([
    ['10.0.2.5', '10.0.2.0/24', true],
    ['10.0.3.5', '10.0.2.0/24', false],
    ['10.0.2.5', '10.0.2.5', true],
    ['10.0.2.5', '0.0.0.0/0', true],
    ['fd00::5', 'fd00::/64', true],
    ['fd01::5', 'fd00::/64', false],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1', true],
    ['10.0.2.5', 'fd00::/8', false],
    ['10.0.2.5', 'not-an-ip', false],
    ['10.0.2.5', '10.0.2.0/33', false],
  ] as const)('%s in %s = %s', (ip, block, expected) => {
    expect(inBlock(ip, block)).toBe(expected);
  });
  it('tells readable blocks from unreadable ones', () => {
    expect(parseBlock('10.0.0.0/8')?.length).toBe(8);
    expect(parseBlock('::/0')?.length).toBe(0);
    expect(parseBlock('300.1.1.1')).toBeUndefined();
    expect(parseBlock('1::2::3')).toBeUndefined();
  });
});

describe('L4 source and operation', () => {
  it('ANDs the fields of one source', () => {
    expect(matchSourceL4({ principals: ['*'], namespaces: ['bookinfo'] }, pp, 'bookinfo')).toBe('yes');
    expect(matchSourceL4({ principals: ['*'], namespaces: ['other'] }, pp, 'bookinfo')).toBe('no');
  });
  it('a plaintext client has no principal or namespace; the not* forms match it', () => {
    expect(matchSourceL4({ principals: ['*'] }, plain, 'bookinfo')).toBe('no');
    expect(matchSourceL4({ namespaces: ['*'] }, plain, 'bookinfo')).toBe('no');
    expect(matchSourceL4({ notPrincipals: ['*'] }, plain, 'bookinfo')).toBe('yes');
    expect(matchSourceL4({ notNamespaces: ['bookinfo'] }, plain, 'bookinfo')).toBe('yes');
  });
  it('serviceAccounts: "<ns>/<sa>" or "<sa>" in the policy namespace', () => {
    expect(matchSourceL4({ serviceAccounts: ['bookinfo/bookinfo-productpage'] }, pp, 'other')).toBe('yes');
    expect(matchSourceL4({ serviceAccounts: ['bookinfo-productpage'] }, pp, 'other')).toBe('no');
    expect(matchSourceL4({ notServiceAccounts: ['bookinfo-productpage'] }, pp, 'bookinfo')).toBe('no');
  });
  it('an unknown address makes ipBlocks undecidable', () => {
    expect(matchSourceL4({ ipBlocks: ['10.0.0.0/8'] }, unknownIp, 'bookinfo')).toBe('maybe');
    expect(matchSourceL4({ notIpBlocks: ['10.0.0.0/8'] }, unknownIp, 'bookinfo')).toBe('maybe');
  });
  it('ports and notPorts', () => {
    expect(matchOperationL4({ ports: [9080, 8080] }, pp)).toBe('yes');
    expect(matchOperationL4({ notPorts: [9080] }, pp)).toBe('no');
    expect(matchOperationL4({}, pp)).toBe('yes');
  });
  it('L4 conditions, and undefined for other keys', () => {
    expect(matchConditionL4({ key: 'destination.port', values: ['9080'] }, pp)).toBe('yes');
    expect(matchConditionL4({ key: 'destination.ip', values: ['10.0.1.0/24'] }, pp)).toBe('yes');
    expect(matchConditionL4({ key: 'source.ip', notValues: ['10.0.1.10'] }, pp)).toBe('no');
    expect(matchConditionL4({ key: 'source.principal', values: ['*productpage'] }, pp)).toBe('yes');
    expect(matchConditionL4({ key: 'request.headers[x]', values: ['a'] }, pp)).toBeUndefined();
  });
});

describe('L7 attributes', () => {
  it('an undescribed request is "maybe"', () => {
    expect(matchOperationL7({ methods: ['GET'] }, undefined)).toBe('maybe');
    expect(matchOperationL7({ methods: ['GET'] }, { path: '/' })).toBe('maybe');
    expect(matchOperationL7({ ports: [1] }, undefined)).toBe('yes');
  });
  it('methods, paths (prefix, suffix, templates), hosts (case and port ignored)', () => {
    expect(matchOperationL7({ methods: ['GET'], notPaths: ['/admin*'] }, { method: 'GET', path: '/reviews/1' })).toBe('yes');
    expect(matchOperationL7({ notPaths: ['/admin*'] }, { path: '/admin/x' })).toBe('no');
    expect(matchOperationL7({ paths: ['*.css'] }, { path: '/static/a.css' })).toBe('yes');
    expect(matchOperationL7({ paths: ['/reviews/{*}'] }, { path: '/reviews/1' })).toBe('yes');
    expect(matchOperationL7({ paths: ['/reviews/{*}'] }, { path: '/reviews/1/x' })).toBe('no');
    expect(matchOperationL7({ paths: ['/api/{**}'] }, { path: '/api/a/b' })).toBe('yes');
    expect(matchOperationL7({ hosts: ['Reviews.bookinfo'] }, { host: 'reviews.bookinfo:9080' })).toBe('yes');
    expect(matchOperationL7({ notHosts: ['*.internal'] }, { host: 'a.internal' })).toBe('no');
  });
  it('request principals and remote addresses', () => {
    expect(matchSourceL7({ requestPrincipals: ['https://issuer/*'] }, { requestPrincipal: 'https://issuer/alice' }, pp)).toBe('yes');
    expect(matchSourceL7({ remoteIpBlocks: ['192.168.0.0/16'] }, { remoteIp: '192.168.1.1' }, pp)).toBe('yes');
    expect(matchSourceL7({ remoteIpBlocks: ['192.168.0.0/16'] }, {}, pp)).toBe('no');
  });
  it('conditions at a proxy that parses HTTP', () => {
    expect(matchCondition({ key: 'request.headers[X-Env]', values: ['prod'] }, { headers: { 'x-env': 'prod' } }, pp)).toBe('yes');
    expect(matchCondition({ key: 'request.headers[X-Env]', notValues: ['prod'] }, { headers: {} }, pp)).toBe('yes');
    expect(matchCondition({ key: 'request.auth.claims[groups]', values: ['admin'] }, { headers: {} }, pp)).toBe('maybe');
    expect(matchCondition({ key: 'source.namespace', values: ['bookinfo'] }, undefined, pp)).toBe('yes');
  });
});
