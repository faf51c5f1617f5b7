import { z } from 'zod/mini';
import '@/lib/zod-messages';

/**
 * Schemas with a name in the OpenAPI document. They live in zod's global registry (with
 * `z.core.describe()` texts), and endpoint bodies and responses must be named, so the generated
 * document references them instead of repeating them inline.
 */
export const contractRegistry = z.globalRegistry;

export function named<T extends z.ZodMiniType>(id: string, description: string, schema: T): T {
  contractRegistry.add(schema, { id, description });
  return schema;
}

/** `true` / `false` in a query string, a boolean once parsed. */
export const queryBoolean = (description: string) =>
  z.optional(z.stringbool()).check(z.core.describe(`${description} \`true\` or \`false\`.`));

/** The idempotency key of a request that must not act twice, chosen by the client. */
export const RequestId = z
  .string()
  .check(
    z.minLength(8),
    z.maxLength(100),
    z.core.describe('Chosen by the client, unique per request.'),
  );

/** The direction of a list's sorting, shared by every sorted list. */
export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;
