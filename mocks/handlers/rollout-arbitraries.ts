import fc from 'fast-check';

/**
 * Staged-rollout requests for the property test: plans of every shape (pilot by count or by
 * named demo sites, waves by percent or count, any rules) and rollout paths, mostly real ones.
 */
export function rolloutArbitraries({
  deviceType,
  siteNumber,
  text,
}: {
  deviceType: fc.Arbitrary<string>;
  siteNumber: fc.Arbitrary<number>;
  text: fc.Arbitrary<string>;
}) {
  const percent = fc.integer({ min: 1, max: 100 });
  const rolloutPlan = fc.record({
    selection: fc.record(
      {
        q: fc.constantFrom('101', '1', '99'),
        state: fc.constantFrom('no-update', 'failed'),
        exclude: fc.array(siteNumber, { maxLength: 3 }),
      },
      { requiredKeys: ['exclude'] },
    ),
    plan: fc.record({
      pilot: fc.oneof(
        fc.record({ kind: fc.constant('count'), count: fc.integer({ min: 1, max: 4 }) }),
        fc.record({
          kind: fc.constant('sites'),
          sites: fc.array(fc.integer({ min: 1011, max: 1016 }), { minLength: 1, maxLength: 3 }),
        }),
      ),
      waves: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('percent'), percent }),
          fc.record({ kind: fc.constant('count'), count: fc.integer({ min: 1, max: 3 }) }),
        ),
        { maxLength: 3 },
      ),
    }),
    rules: fc.record({
      successPercent: percent,
      soakMinutes: fc.integer({ min: 0, max: 120 }),
      failurePercent: fc.option(percent),
      failureCount: fc.option(fc.integer({ min: 1, max: 5 })),
      minFinished: fc.integer({ min: 1, max: 5 }),
      disarmWaitCounts: fc.boolean(),
    }),
  });
  const rollout = fc.record({
    deviceType,
    rolloutId: fc.oneof(fc.constantFrom('1', '2'), text),
  });
  return { rolloutPlan, rollout };
}
