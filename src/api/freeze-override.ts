import { z } from 'zod/mini';
import { named } from './registry';

// What other requests and plans carry of the change freezes (the first page loads these, not
// the freezes' own endpoints).

export const FreezeOverride = named(
  'FreezeOverride',
  'Why a change starts inside a freeze (`override-freezes`), kept in the activity.',
  z.object({
    reason: z
      .string()
      .check(
        z.trim(),
        z.minLength(
          10,
          'Say in at least 10 characters why this cannot wait for the freeze to end.',
        ),
        z.maxLength(300, 'Use at most 300 characters.'),
      ),
  }),
);
export type FreezeOverride = z.infer<typeof FreezeOverride>;

/** The optional field of a plan that says a change freeze is in force now. */
export const frozenField = z.optional(
  z
    .nullable(z.string())
    .check(
      z.core.describe(
        'The freeze in force now, in words: the change is refused 409 `frozen` without `freezeOverride`. Absent: none.',
      ),
    ),
);

/** The optional field a change carries to start inside a freeze. */
export const freezeOverrideField = z.optional(FreezeOverride);
