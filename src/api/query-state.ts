import type { z } from 'zod/mini';
import { readQuery, serializeQuery, type AnyObjectSchema } from './endpoint';

/**
 * A list's state kept in the page URL with the contract's own query names, so a view can be
 * shared and survives a reload. Values that do not fit the schema are dropped, not fatal.
 */
export function parseQueryState<S extends AnyObjectSchema>(
  schema: S,
  search: URLSearchParams,
): z.output<S> {
  const raw = readQuery(schema, search);
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  const cleaned = { ...raw };
  for (const issue of first.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string') delete cleaned[key];
  }
  const second = schema.safeParse(cleaned);
  return second.success ? second.data : schema.parse({});
}

/**
 * Writes list state into a copy of the current search parameters: the schema's keys are
 * replaced (defaults left out, to keep links short), every other key is kept.
 */
export function writeQueryState<S extends AnyObjectSchema>(
  schema: S,
  current: URLSearchParams,
  state: z.output<S>,
): URLSearchParams {
  const defaults = schema.parse({}) as Record<string, unknown>;
  const keys = Object.keys(schema.shape);
  const next = new URLSearchParams(current);
  for (const key of keys) next.delete(key);
  const changed: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (state as Record<string, unknown>)[key];
    if (JSON.stringify(value) !== JSON.stringify(defaults[key])) changed[key] = value;
  }
  for (const [key, value] of serializeQuery(changed)) next.append(key, value);
  return next;
}
