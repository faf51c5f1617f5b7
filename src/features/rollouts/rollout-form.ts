import { z } from 'zod/mini';
import {
  DEFAULT_RULES,
  type RolloutPlanRequest,
  type RolloutSelection,
  type WaveStep,
} from '@/api/rollouts';
import { optionalWhole, whole } from '@/components/form/whole-numbers';

/**
 * The "Plan a staged rollout" form: numbers are typed as text and read here, so a half-typed
 * value shows a message instead of being lost. Validated with zod, turned into the
 * contract's request by `toPlanRequest`.
 */

/** "1011, 1012 1013" → [1011, 1012, 1013]; null when something is not a site number. */
export function readSiteNumbers(text: string): number[] | null {
  const words = text.split(/[\s,;]+/).filter(Boolean);
  if (words.some((word) => !/^\d{1,9}$/.test(word) || Number(word) < 1)) return null;
  return [...new Set(words.map(Number))];
}

export const RolloutForm = z
  .object({
    scope: z.enum(['old', 'filtered']),
    exclude: z
      .string()
      .check(
        z.refine(
          (text) => readSiteNumbers(text) !== null,
          'Enter site numbers separated by commas or spaces, e.g. 1013, 1014.',
        ),
      ),
    pilotKind: z.enum(['count', 'sites']),
    pilotCount: z.string(),
    pilotSites: z.string(),
    waves: z.array(
      z.object({ kind: z.enum(['percent', 'count']), value: z.string().check(z.trim()) }),
    ),
    successPercent: whole(1, 100, 'the success share'),
    soakMinutes: whole(0, 7 * 24 * 60, 'the soak time'),
    failurePercent: optionalWhole(1, 100, 'the failure share'),
    failureCount: optionalWhole(1, 100_000, 'the failure count'),
    minFinished: whole(1, 100_000, 'the number of finished sites'),
    disarmWaitCounts: z.boolean(),
  })
  .check(
    z.superRefine((values, context) => {
      if (values.pilotKind === 'count') {
        if (!/^\d+$/.test(values.pilotCount.trim()) || Number(values.pilotCount) < 1) {
          context.addIssue({
            code: 'custom',
            path: ['pilotCount'],
            message: 'Enter how many sites the pilot takes, e.g. 2.',
            input: values.pilotCount,
          });
        }
      } else if (!readSiteNumbers(values.pilotSites)?.length) {
        context.addIssue({
          code: 'custom',
          path: ['pilotSites'],
          message: 'Enter the pilot sites’ numbers, e.g. 1011, 1012.',
          input: values.pilotSites,
        });
      }
      values.waves.forEach((wave, index) => {
        const number = Number(wave.value);
        const max = wave.kind === 'percent' ? 100 : 100_000;
        if (!/^\d+$/.test(wave.value) || number < 1 || number > max) {
          context.addIssue({
            code: 'custom',
            path: ['waves', index, 'value'],
            message:
              wave.kind === 'percent'
                ? 'Enter a percentage from 1 to 100.'
                : 'Enter how many sites, 1 or more.',
            input: wave.value,
          });
        }
      });
    }),
  );
export type RolloutFormValues = z.infer<typeof RolloutForm>;

export function rolloutFormDefaults(): RolloutFormValues {
  return {
    scope: 'old',
    exclude: '',
    pilotKind: 'count',
    pilotCount: '2',
    pilotSites: '',
    waves: [{ kind: 'percent', value: '50' }],
    successPercent: String(DEFAULT_RULES.successPercent),
    soakMinutes: String(DEFAULT_RULES.soakMinutes),
    failurePercent: String(DEFAULT_RULES.failurePercent ?? ''),
    failureCount: '',
    minFinished: String(DEFAULT_RULES.minFinished),
    disarmWaitCounts: DEFAULT_RULES.disarmWaitCounts,
  };
}

/** The site list's search and filter, which "the sites matching the list" means. */
export type ListFilter = Pick<RolloutSelection, 'q' | 'state' | 'cause'>;

const limit = (text: string) => (text.trim() === '' ? null : Number(text));

/** The contract's request for valid form values (see RolloutForm). */
export function toPlanRequest(values: RolloutFormValues, filter: ListFilter): RolloutPlanRequest {
  const listed = values.scope === 'filtered' ? filter : {};
  return {
    selection: {
      ...(listed.q ? { q: listed.q } : {}),
      ...(listed.state ? { state: listed.state } : {}),
      ...(listed.cause ? { cause: listed.cause } : {}),
      exclude: readSiteNumbers(values.exclude) ?? [],
    },
    plan: {
      pilot:
        values.pilotKind === 'count'
          ? { kind: 'count', count: Number(values.pilotCount) }
          : { kind: 'sites', sites: readSiteNumbers(values.pilotSites) ?? [] },
      waves: values.waves.map((wave): WaveStep =>
        wave.kind === 'percent'
          ? { kind: 'percent', percent: Number(wave.value) }
          : { kind: 'count', count: Number(wave.value) },
      ),
    },
    rules: {
      successPercent: Number(values.successPercent),
      soakMinutes: Number(values.soakMinutes),
      failurePercent: limit(values.failurePercent),
      failureCount: limit(values.failureCount),
      minFinished: Number(values.minFinished),
      disarmWaitCounts: values.disarmWaitCounts,
    },
  };
}

/** The request for the preview while the form is being filled in, or null while it is not valid. */
export function previewRequest(
  values: RolloutFormValues,
  filter: ListFilter,
): RolloutPlanRequest | null {
  const parsed = RolloutForm.safeParse(values);
  return parsed.success ? toPlanRequest(parsed.data, filter) : null;
}
