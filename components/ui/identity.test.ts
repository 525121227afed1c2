import { describe, expect, it } from 'vitest';
import { shortIdentity } from './identity';

describe('shortIdentity', () => {
  it('drops the scheme and the default trust domain, keeping ns/NS/sa/SA', () => {
    expect(shortIdentity('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-details')).toBe('ns/bookinfo/sa/bookinfo-details');
  });
  it('keeps another trust domain, so two meshes never read alike', () => {
    expect(shortIdentity('spiffe://east.example/ns/bookinfo/sa/bookinfo-details')).toBe('east.example/ns/bookinfo/sa/bookinfo-details');
  });
  it('shows anything that is not a SPIFFE ID as it is', () => {
    expect(shortIdentity('bookinfo-details.bookinfo')).toBe('bookinfo-details.bookinfo');
    expect(shortIdentity('spiffe://')).toBe('spiffe://');
    expect(shortIdentity('')).toBe('');
  });
});
