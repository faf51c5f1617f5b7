import { useCallback, useState } from 'react';
import {
  emptySelection,
  selectAllMatching,
  selectedCount,
  toggle,
  togglePage,
  type Selection,
} from './selection';

export interface SelectionState<F> {
  selection: Selection<F>;
  /** How many rows are selected, on every page. */
  count: number;
  /** A row's check box. Stable: a click re-renders only the rows whose selection changed. */
  onToggle: (id: string) => void;
  /** The header's check box, for the rows of the page shown. */
  onTogglePage: (pageIds: readonly string[]) => void;
  /** "Select all N": every row matching the filter, none loaded. */
  selectAll: (total: number) => void;
  clear: () => void;
}

/**
 * A list's selection. Rows checked by id stay checked across search, filters, sorting and
 * paging; "every row matching this filter" belongs to its filter: another filter ends it, and
 * `onEnded` is told how many rows it had (to say so). Another `scope` (the list of another
 * device type) starts with nothing selected.
 */
export function useSelection<F>(
  filter: F,
  onEnded: (count: number) => void,
  scope = '',
): SelectionState<F> {
  const filterKey = JSON.stringify(filter);
  const [selected, setSelected] = useState<{
    key: string;
    scope: string;
    selection: Selection<F>;
  }>({ key: filterKey, scope, selection: emptySelection });
  if (selected.scope !== scope) {
    // Another list altogether (another device type's sites): nothing of it is selected.
    setSelected({ key: filterKey, scope, selection: emptySelection });
  } else if (selected.key !== filterKey) {
    const ended = selected.selection.mode === 'filter';
    setSelected({ key: filterKey, scope, selection: ended ? emptySelection : selected.selection });
    if (ended) onEnded(selectedCount(selected.selection));
  }
  const change = useCallback(
    (next: (current: Selection<F>) => Selection<F>) =>
      setSelected((current) => ({ ...current, selection: next(current.selection) })),
    [],
  );
  const onToggle = useCallback((id: string) => change((current) => toggle(current, id)), [change]);
  const onTogglePage = useCallback(
    (pageIds: readonly string[]) => change((current) => togglePage(current, pageIds)),
    [change],
  );
  const selectAll = (total: number) => change(() => selectAllMatching(filter, total));
  const clear = () => change(() => emptySelection);
  return {
    selection: selected.selection,
    count: selectedCount(selected.selection),
    onToggle,
    onTogglePage,
    selectAll,
    clear,
  };
}
