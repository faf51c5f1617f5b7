import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod/mini';
import type { AnyObjectSchema } from '@/api/endpoint';
import { parseQueryState, writeQueryState } from '@/api/query-state';
import type { TablePagerProps } from '../TablePager';
import { nextSort } from './next-sort';

/** The page sizes an operator can pick for every list (the contract allows up to 200). */
export const PAGE_SIZE_OPTIONS = [25, 50, 100] as const;

/** The fields every paged list query has, and a sorted one's order (see api/paging.ts). */
interface ListFields {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface ListState<P extends ListFields> {
  /** The list's query, read from the URL with the contract's names; bad values dropped. */
  params: P;
  /** Changes some fields; `resetPage` goes back to the first page (a new filter or order). */
  update: (change: Partial<P>, options?: { resetPage?: boolean }) => void;
  /** A search as typed: surrounding spaces dropped, empty means none, from the first page. */
  search: (q: string) => void;
  /** A click on a column header: that column, flipped if it was already the order. */
  sortBy: (field: NonNullable<P['sort']>) => void;
  /** The pager's props for this list, given how many rows match. */
  pager: (total: number) => TablePagerProps;
}

/**
 * A list's state kept in the page URL (search, filters, order, page), so a view can be
 * shared and survives a reload. One hook for every paged list: each change starts from the
 * URL as it is then, not as it was when the screen last rendered.
 */
export function useListState<S extends AnyObjectSchema>(
  schema: S,
): ListState<z.output<S> & ListFields> {
  type P = z.output<S> & ListFields;
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseQueryState(schema, searchParams) as P;
  // The router hands a change the URL of its last render: two changes before the next render
  // (a search typed, then a filter picked before the search applied) would lose the first.
  // So each change starts from the last one written, and the URL rendered takes over only
  // once every change written has arrived, or when it moved by itself (back, a link).
  const latest = useRef(searchParams);
  const written = useRef<string[]>([]);
  useEffect(() => {
    const arrived = written.current.indexOf(searchParams.toString());
    if (arrived < 0) written.current = [];
    else written.current.splice(0, arrived + 1);
    if (written.current.length === 0) latest.current = searchParams;
  }, [searchParams]);
  const update = useCallback(
    (change: Partial<P>, options: { resetPage?: boolean } = {}) => {
      const current = latest.current;
      const next = writeQueryState(schema, current, {
        ...parseQueryState(schema, current),
        ...change,
        ...(options.resetPage ? { page: 1 } : {}),
      });
      latest.current = next;
      written.current.push(next.toString());
      setSearchParams(next);
    },
    [schema, setSearchParams],
  );
  const search = useCallback(
    (q: string) =>
      update({ q: q.trim() === '' ? undefined : q.trim() } as Partial<P>, { resetPage: true }),
    [update],
  );
  return {
    params,
    update,
    search,
    sortBy: (field) =>
      update(
        nextSort<string>(
          { sort: params.sort ?? '', order: params.order ?? 'asc' },
          field,
        ) as Partial<P>,
        { resetPage: true },
      ),
    pager: (total) => ({
      total,
      page: params.page,
      pageSize: params.pageSize,
      pageSizeOptions: PAGE_SIZE_OPTIONS,
      onPage: (page) => update({ page } as Partial<P>),
      onPageSize: (pageSize) => update({ pageSize } as Partial<P>, { resetPage: true }),
    }),
  };
}
