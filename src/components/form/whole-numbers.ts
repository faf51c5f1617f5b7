import { z } from 'zod/mini';

/**
 * Numbers typed as text and read by the form's schema, so a half-typed value shows a message
 * instead of being lost.
 */

/** A whole number typed as text, from `min` to `max`. */
export const whole = (min: number, max: number, what: string) =>
  z.string().check(
    z.trim(),
    z.regex(/^\d+$/, `Enter ${what} as a whole number.`),
    z.refine(
      (text) => Number(text) >= min && Number(text) <= max,
      `Enter ${what} from ${min} to ${max}.`,
    ),
  );

/** Empty, or a whole number in range (an empty limit means no limit). */
export const optionalWhole = (min: number, max: number, what: string) =>
  z.string().check(
    z.trim(),
    z.refine(
      (text) => text === '' || (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max),
      `Leave ${what} empty for no limit, or enter a whole number from ${min} to ${max}.`,
    ),
  );
