import type { Theme } from '@mui/material/styles';
import type { RowData } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import type { DataColumn } from './DataTable';
import type { PageState } from './selection';

/** What the check box column reads from the table's meta. */
export interface SelectionMeta {
  /** Whether the page's check box shows all, some or none of the page selected. */
  pageSelection: PageState;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
}

function selectionOf(table: { options: { meta?: unknown } }): SelectionMeta {
  return table.options.meta as SelectionMeta;
}

/**
 * "Select all … on this page": a native check box like the rows' (MUI's would bring its own
 * code into the first page), mixed while only some are selected.
 */
function PageCheck({
  state,
  disabled,
  label,
  onToggle,
}: {
  state: PageState;
  disabled: boolean;
  label: string;
  onToggle: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // `indeterminate` is a property only: no attribute sets it.
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      checked={state === 'all'}
      disabled={disabled}
      onChange={onToggle}
      aria-label={label}
    />
  );
}

/**
 * The check box column, first and pinned: `rowLabel` names a row's box ("Select site 1002"),
 * `pageLabel` the header's. The table's meta carries `SelectionMeta`; its `selected` rows are
 * the checked ones.
 */
export function selectColumn<T extends RowData>(
  rowLabel: (row: T) => string,
  pageLabel: string,
): DataColumn<T> {
  return {
    id: 'select',
    enableSorting: false,
    enableHiding: false,
    meta: { pin: 0, className: 'check' },
    header: ({ table }) => {
      const { pageSelection, onTogglePage } = selectionOf(table);
      return (
        <PageCheck
          state={pageSelection}
          disabled={table.getRowModel().rows.length === 0}
          label={pageLabel}
          onToggle={onTogglePage}
        />
      );
    },
    cell: ({ row, table }) => (
      <input
        type="checkbox"
        className="row-check"
        checked={row.getIsSelected()}
        onChange={() => selectionOf(table).onToggle(row.id)}
        aria-label={rowLabel(row.original)}
      />
    ),
  };
}

/** The look of the check box column. */
export const selectStyles = (theme: Theme) => ({
  // Exactly as wide as the next pinned column's offset (its `pin`), so neither covers the other.
  '& :is(td, th).check': {
    width: 40,
    minWidth: 40,
    maxWidth: 40,
    boxSizing: 'border-box' as const,
    paddingRight: 0,
  },
  '& input.row-check': {
    display: 'block',
    width: 18,
    height: 18,
    margin: 0,
    cursor: 'pointer',
    accentColor: theme.vars?.palette.primary.main,
    '&:disabled': { cursor: 'default' },
    '&:focus-visible': {
      outline: `2px solid ${theme.vars?.palette.primary.main}`,
      outlineOffset: 1,
    },
  },
});
