// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { faultsFromSearch } from './faults';

describe('faultsFromSearch', () => {
  it('reads faults and latency from the page URL', () => {
    expect(faultsFromSearch('?scenario=demo&faults=0.3&latency=3000')).toEqual({
      faults: 0.3,
      latency: 3000,
    });
  });

  it('clamps nonsense to safe values', () => {
    expect(faultsFromSearch('?faults=7&latency=-5')).toEqual({ faults: 1, latency: 0 });
    expect(faultsFromSearch('?faults=lots')).toEqual({ faults: 0, latency: 0 });
  });
});
