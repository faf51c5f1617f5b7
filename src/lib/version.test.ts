import { describe, expect, it } from 'vitest';
import { compareVersions, versionSortKey } from './version';

describe('compareVersions', () => {
  it('compares segments as numbers, not text', () => {
    expect(compareVersions('10.12.240.1', '9.80.72')).toBe(1);
    expect(compareVersions('11.11.73', '11.11.109')).toBe(-1);
    expect(compareVersions('5.40', '5.40')).toBe(0);
  });

  it('ranks a longer version above its prefix', () => {
    expect(compareVersions('10.12.240.1', '10.12.240')).toBe(1);
    expect(compareVersions('10.12.240', '10.12.240.1')).toBe(-1);
  });

  it('gives sort keys in the same order as the comparison', () => {
    const versions = ['11.11.109', '9.80.72', '11.11.73', '10.12.240.1', '10.12.240'];
    const byKey = [...versions].sort((a, b) =>
      versionSortKey(a) < versionSortKey(b) ? -1 : versionSortKey(a) > versionSortKey(b) ? 1 : 0,
    );
    expect(byKey).toEqual([...versions].sort(compareVersions));
  });
});
