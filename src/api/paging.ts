import { z } from 'zod/mini';
import { SortOrder } from './registry';

/**
 * What every paged list shares, in one place: the paging and sorting query fields and the
 * page envelope (`items`, `total`, `page`, `pageSize`).
 */

/** `page` (1-based; a page past the end is answered empty) and `pageSize` (1–200, 50). */
export const pagingFields = {
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  pageSize: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
};

/** `sort` (one of the list's fields, `byDefault` when absent) and `order` (`asc` first). */
export function sortingFields<const F extends readonly [string, ...string[]]>(
  fields: F,
  byDefault: F[number],
) {
  return {
    sort: z._default(z.enum(fields), byDefault),
    order: z._default(SortOrder, 'asc'),
  };
}

/** The envelope of one page: the items, how many match on all pages, and which page this is. */
export function pageFields<T extends z.ZodMiniType>(item: T, totalDescription: string) {
  return {
    items: z.array(item),
    total: z.int().check(z.minimum(0), z.core.describe(totalDescription)),
    page: z.int().check(z.minimum(1)),
    pageSize: z.int().check(z.minimum(1)),
  };
}
