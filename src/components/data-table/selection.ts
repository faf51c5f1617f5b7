/**
 * What the operator has selected in a list: some rows by id, or every row matching the list's
 * filter `F` except some. The second never loads the rows: bulk actions send the filter.
 */
export type Selection<F> =
  | { mode: 'ids'; ids: ReadonlySet<string> }
  | { mode: 'filter'; filter: F; total: number; except: ReadonlySet<string> };

export const emptySelection: Selection<never> = { mode: 'ids', ids: new Set() };

export function isSelected<F>(selection: Selection<F>, id: string): boolean {
  return selection.mode === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
}

export function selectedCount<F>(selection: Selection<F>): number {
  return selection.mode === 'ids' ? selection.ids.size : selection.total - selection.except.size;
}

function without(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  next.delete(id);
  return next;
}

function plus(set: ReadonlySet<string>, ...ids: string[]): Set<string> {
  const next = new Set(set);
  for (const id of ids) next.add(id);
  return next;
}

export function toggle<F>(selection: Selection<F>, id: string): Selection<F> {
  if (selection.mode === 'ids') {
    return {
      mode: 'ids',
      ids: selection.ids.has(id) ? without(selection.ids, id) : plus(selection.ids, id),
    };
  }
  return {
    ...selection,
    except: selection.except.has(id) ? without(selection.except, id) : plus(selection.except, id),
  };
}

/** The header checkbox: select every row on the page, or clear them if all are selected. */
export function togglePage<F>(selection: Selection<F>, pageIds: readonly string[]): Selection<F> {
  const allSelected = pageIds.length > 0 && pageIds.every((id) => isSelected(selection, id));
  if (selection.mode === 'ids') {
    if (allSelected) {
      const ids = new Set(selection.ids);
      for (const id of pageIds) ids.delete(id);
      return { mode: 'ids', ids };
    }
    return { mode: 'ids', ids: plus(selection.ids, ...pageIds) };
  }
  if (allSelected) return { ...selection, except: plus(selection.except, ...pageIds) };
  const except = new Set(selection.except);
  for (const id of pageIds) except.delete(id);
  return { ...selection, except };
}

export type PageState = 'none' | 'some' | 'all';

export function pageState<F>(selection: Selection<F>, pageIds: readonly string[]): PageState {
  const selected = pageIds.filter((id) => isSelected(selection, id)).length;
  if (selected === 0) return 'none';
  return selected === pageIds.length ? 'all' : 'some';
}

/** "Select all N devices": every row matching the filter, none loaded. */
export function selectAllMatching<F>(filter: F, total: number): Selection<F> {
  return { mode: 'filter', filter, total, except: new Set() };
}

/** The form bulk actions send: the ids, or the filter and its exceptions. */
export type BulkSelection<F> =
  { mode: 'ids'; ids: string[] } | { mode: 'filter'; filter: F; except: string[] };

export function toBulkSelection<F>(selection: Selection<F>): BulkSelection<F> {
  if (selection.mode === 'ids') return { mode: 'ids', ids: [...selection.ids] };
  return { mode: 'filter', filter: selection.filter, except: [...selection.except] };
}
