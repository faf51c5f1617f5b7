import { z } from 'zod';

/**
 * Schemas with a name in the OpenAPI document. They live in zod's global registry (with
 * `.describe()` texts), and endpoint bodies and responses must be named, so the generated
 * document references them instead of repeating them inline.
 */
export const contractRegistry = z.globalRegistry;

export function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  return schema.meta({ id, description });
}

/** `true` / `false` in a query string, a boolean once parsed. */
export const queryBoolean = (description: string) =>
  z.stringbool().optional().describe(`${description} \`true\` or \`false\`.`);
