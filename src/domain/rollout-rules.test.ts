import { describe, expect, it } from 'vitest';
import {
  countOutcomes,
  failureVerdict,
  nextWaveGate,
  planWaves,
  type RolloutRules,
  type SiteOutcome,
} from './rollout-rules';

const sites = Array.from({ length: 20 }, (_, index) => 1001 + index);

const rules: RolloutRules = {
  successShare: 0.95,
  soakMs: 30 * 60_000,
  failureShare: 0.1,
  failureCount: null,
  minFinished: 5,
  waitingForDisarmCounts: false,
};

const outcomes = (spec: Partial<Record<SiteOutcome, number>>): SiteOutcome[] =>
  Object.entries(spec).flatMap(([outcome, count]) =>
    Array.from({ length: count }, () => outcome as SiteOutcome),
  );

describe('planWaves', () => {
  it('takes a pilot of named sites, then 50 %, then the rest', () => {
    const waves = planWaves(sites, { pilot: { sites: [1005, 1012] }, steps: [{ share: 0.5 }] });
    expect(waves[0]).toEqual([1005, 1012]);
    expect(waves[1]).toHaveLength(10);
    expect(waves[2]).toHaveLength(8);
    expect(waves.flat().sort((a, b) => a - b)).toEqual(sites);
  });

  it('takes a pilot by count and waves by count, never an empty wave', () => {
    expect(planWaves(sites, { pilot: { count: 2 }, steps: [{ count: 8 }, { count: 50 }] })).toEqual(
      [sites.slice(0, 2), sites.slice(2, 10), sites.slice(10)],
    );
    expect(planWaves([1001], { pilot: { count: 2 }, steps: [{ share: 0.5 }] })).toEqual([[1001]]);
  });

  it('leaves out named pilot sites that are not in the rollout', () => {
    expect(planWaves([1001, 1002], { pilot: { sites: [9999] }, steps: [] })).toEqual([
      [1001, 1002],
    ]);
  });
});

describe('nextWaveGate', () => {
  it('waits for the success share, saying how far and what waits', () => {
    const counts = countOutcomes(outcomes({ installed: 18, 'waiting-for-disarm': 2 }));
    expect(nextWaveGate(counts, rules, 1, null, 0)).toEqual({
      open: false,
      opensAt: null,
      reason:
        'Wave 2 starts when 95 % of wave 1 has installed: 18 of 20 so far; 2 wait for a disarmed partition.',
    });
  });

  it('counts sites waiting for a disarm as installed when the rules say so, then soaks', () => {
    const counts = countOutcomes(outcomes({ installed: 18, 'waiting-for-disarm': 2 }));
    const lenient = { ...rules, waitingForDisarmCounts: true };
    const reached = 1_000_000;
    const soaking = nextWaveGate(counts, lenient, 1, reached, reached + 60_000);
    expect(soaking).toMatchObject({ open: false, opensAt: reached + 30 * 60_000 });
    expect(nextWaveGate(counts, lenient, 1, reached, reached + 30 * 60_000)).toEqual({
      open: true,
    });
  });

  it('never counts a site waiting for a connection as installed', () => {
    const counts = countOutcomes(outcomes({ installed: 19, 'waiting-for-connection': 1 }));
    const gate = nextWaveGate(counts, { ...rules, successShare: 1 }, 2, null, 0);
    expect(gate).toMatchObject({ open: false });
    expect(gate.open ? '' : gate.reason).toContain('1 wait for a connection');
  });
});

describe('failureVerdict', () => {
  it('halts above the failure share once enough sites have finished', () => {
    // 1 failure among 4 finished: too few finished to judge.
    expect(failureVerdict(countOutcomes(outcomes({ installed: 3, failed: 1 })), rules, 1)).toEqual({
      halt: false,
    });
    expect(
      failureVerdict(countOutcomes(outcomes({ installed: 8, failed: 2, running: 5 })), rules, 1),
    ).toEqual({
      halt: true,
      reason: 'Wave 1 halted the rollout: 2 of 10 finished sites failed (20 %, more than 10 %).',
    });
  });

  it('halts at the failure count, and never counts waiting sites as failures', () => {
    const byCount = { ...rules, failureShare: null, failureCount: 3, minFinished: 0 };
    expect(
      failureVerdict(
        countOutcomes(
          outcomes({ failed: 2, 'waiting-for-disarm': 5, 'waiting-for-connection': 5 }),
        ),
        byCount,
        2,
      ),
    ).toEqual({ halt: false });
    expect(failureVerdict(countOutcomes(outcomes({ failed: 3 })), byCount, 2)).toMatchObject({
      halt: true,
      reason: 'Wave 2 halted the rollout: 3 of its sites failed (the limit is 3).',
    });
  });
});
