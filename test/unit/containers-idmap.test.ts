import { describe, expect, it } from 'vitest';
import { isIdentityMap, mapToHost, mappingArithmetic, parseIdMap } from '@/lib/sysbox/idmap';

describe('parseIdMap', () => {
  it('reads the kernel format (padded columns)', () => {
    expect(parseIdMap('         0     296608      65536\n')).toEqual([{ inside: 0, outside: 296608, length: 65536 }]);
  });
  it('reads several ranges', () => {
    expect(parseIdMap('0 1000 1\n1 100000 65535\n')).toEqual([
      { inside: 0, outside: 1000, length: 1 },
      { inside: 1, outside: 100000, length: 65535 },
    ]);
  });
  it('refuses garbage and empty maps', () => {
    expect(() => parseIdMap('0 x 1')).toThrow(/line 1/);
    expect(() => parseIdMap('')).toThrow(/empty/);
    expect(() => parseIdMap('0 0 0')).toThrow(/length 0/);
  });
});

describe('mapToHost', () => {
  const sysbox = parseIdMap('0 296608 65536');
  it('maps container root and kasm-user as the guide adds them', () => {
    expect(mapToHost(sysbox, 0)).toBe(296608);
    expect(mapToHost(sysbox, 1000)).toBe(297608);
    expect(mappingArithmetic(sysbox, 1000)).toBe('296608 + 1000 = 297608');
  });
  it('returns null outside every range', () => {
    expect(mapToHost(sysbox, 65536)).toBeNull();
    expect(mappingArithmetic(sysbox, 70000)).toBeNull();
  });
  it('uses the range holding the id', () => {
    expect(mapToHost(parseIdMap('0 1000 1\n1 100000 65535'), 1000)).toBe(100999);
  });
});

describe('isIdentityMap', () => {
  it('is true for "no user namespace"', () => {
    expect(isIdentityMap(parseIdMap('0 0 4294967295'))).toBe(true);
  });
  it('is false for a remapped namespace', () => {
    expect(isIdentityMap(parseIdMap('0 296608 65536'))).toBe(false);
  });
});
