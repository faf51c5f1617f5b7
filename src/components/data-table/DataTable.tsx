import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import type { Theme } from '@mui/material/styles';
import type { SystemStyleObject } from '@mui/system';
import {
  columnVisibilityFeature,
  flexRender,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type Cell,
  type ColumnDef,
  type Row,
  type RowData,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { memo, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { tableDensity, useDensity } from '../density';
import { EmptyState } from '../EmptyState';
import { TablePager, type TablePagerProps } from '../TablePager';
import { TableSkeleton } from '../TableSkeleton';
import { dataTableStyles } from './data-table-styles';
import { nextSort } from './next-sort';

/** How a column looks; everything else about it is TanStack Table's column definition. */
export interface DataColumnMeta {
  /** Numbers align right, header included. */
  align?: 'right';
  /** Longer text ends in an ellipsis at this width (px); the whole text is the cell's title. */
  truncate?: number;
  /** Stays in view at this distance (px) from the left while the table scrolls sideways. */
  pin?: number;
  /** The last pinned column draws the edge the other columns scroll under. */
  pinEdge?: boolean;
  /** A class for the column's cells (header included), for a table's own styles. */
  className?: string;
  /** The header cell's width, as CSS. */
  width?: string;
}

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
});
type Features = typeof dataTableFeatures;

/** A column of a DataTable: an id, a header, a cell, and (for client-side sorting) a value. */
export type DataColumn<TRow extends RowData> = ColumnDef<Features, TRow>;
export type DataRow<TRow extends RowData> = Row<Features, TRow>;

/** The sorting a list's server applied; a click on a header asks it for another. */
export interface ServerSort<F extends string = string> {
  id: F;
  desc: boolean;
  /** Called with a sortable column's id, which is one of the list's sort fields. */
  onSort(columnId: F): void;
}

export interface DataTableProps<TRow extends RowData, TMeta extends object> {
  /** The table's accessible name. */
  label: string;
  columns: readonly DataColumn<TRow>[];
  /** The rows shown; `undefined` while the first ones load (a skeleton, named by `loadingLabel`). */
  rows: readonly TRow[] | undefined;
  /** The skeleton's name; "Loading" and the table's name by default. */
  loadingLabel?: string;
  getRowId: (row: TRow) => string;
  /**
   * Server-side sorting (lists): the table shows it and forwards clicks. Without it, columns
   * with `enableSorting` sort the given rows in the browser, first by `initialSort`.
   */
  sort?: ServerSort;
  initialSort?: { id: string; desc: boolean };
  /** Server-side paging (lists): the pager under the table. */
  paging?: TablePagerProps;
  /** Column ids the operator hid. */
  hidden?: readonly string[];
  /** Row ids that are selected; a selected row is marked and its cells can ask `row.getIsSelected()`. */
  selected?: RowSelectionState;
  /** Rows are being fetched: the table is `aria-busy` and a bar runs along its top. */
  busy?: boolean;
  /** What the frame says when there are no rows. */
  empty: ReactNode;
  /** Shown inside the frame above the table, e.g. why a refresh failed. */
  notice?: ReactNode;
  /** What cells read through `table.options.meta`; a new object re-renders every row. */
  meta?: TMeta;
  /** The table scrolls in its own region, this tall at most (the header stays in view). */
  maxHeight?: string;
  /** Drawn in its own outlined frame (the default); `false` inside a frame of its own. */
  framed?: boolean;
  /** Styles of the table's own content (chips, icon buttons), on the table element. */
  styles?: (theme: Theme) => SystemStyleObject<Theme>;
}

/** A column's look (its definition's `meta`). */
function lookOf(column: { columnDef: { meta?: unknown } }): DataColumnMeta | undefined {
  return column.columnDef.meta as DataColumnMeta | undefined;
}

function cellClass(meta: DataColumnMeta | undefined, extra?: string): string | undefined {
  const names = [
    meta?.className,
    meta?.align === 'right' ? 'align-right' : undefined,
    meta?.truncate !== undefined ? 'truncate' : undefined,
    meta?.pin !== undefined ? 'pinned' : undefined,
    meta?.pinEdge ? 'pinned-edge' : undefined,
    extra,
  ].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}

function cellStyle(meta: DataColumnMeta | undefined): CSSProperties | undefined {
  if (meta?.pin === undefined && meta?.truncate === undefined) return undefined;
  return { left: meta.pin, maxWidth: meta.truncate };
}

function titleOf(cell: Cell<Features, RowData>): string | undefined {
  if (lookOf(cell.column)?.truncate === undefined) return undefined;
  const value = cell.getValue();
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

interface BodyRowProps {
  row: DataRow<RowData>;
  selected: boolean;
  /** The shown columns and the table's meta: another one re-renders the row. */
  columns: readonly DataColumn<RowData>[];
  meta: unknown;
}

/** One row, re-rendered only when its data, its selection, the columns or the meta change. */
const BodyRow = memo(
  function BodyRow({ row, selected }: BodyRowProps) {
    return (
      <tr data-selected={selected || undefined}>
        {row.getVisibleCells().map((cell) => {
          const meta = lookOf(cell.column);
          return (
            <td
              key={cell.id}
              className={cellClass(meta)}
              style={cellStyle(meta)}
              title={titleOf(cell)}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </td>
          );
        })}
      </tr>
    );
  },
  // TanStack Table makes new row objects when its state does; the row's data decides.
  (before, after) =>
    before.row.original === after.row.original &&
    before.selected === after.selected &&
    before.columns === after.columns &&
    before.meta === after.meta,
);

/**
 * Rows of a small table in a column's order, by its `accessorFn` value: numbers as numbers,
 * text as a person sorts it ("Site 2" before "Site 10"), empty values last. Lists are sorted
 * by the server instead; doing this here keeps TanStack's sorted row model (and its sorting
 * functions) out of the first page.
 */
function sortedInBrowser<TRow extends RowData>(
  rows: readonly TRow[],
  columns: readonly DataColumn<TRow>[],
  sorting: SortingState,
): readonly TRow[] {
  const wanted = sorting[0];
  const column = wanted ? columns.find((candidate) => candidate.id === wanted.id) : undefined;
  const value =
    column && 'accessorFn' in column
      ? (column.accessorFn as ((row: TRow, index: number) => unknown) | undefined)
      : undefined;
  if (!wanted || !value) return rows;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const direction = wanted.desc ? -1 : 1;
  const keyed = rows.map((row, index) => {
    const key = value(row, index);
    return { row, key: typeof key === 'number' || typeof key === 'string' ? key : undefined };
  });
  keyed.sort((a, b) => {
    const empty = (key: string | number | undefined) => key === undefined || key === '';
    if (empty(a.key) || empty(b.key)) return Number(empty(a.key)) - Number(empty(b.key));
    if (typeof a.key === 'number' && typeof b.key === 'number') {
      return direction * (a.key - b.key);
    }
    return direction * collator.compare(String(a.key), String(b.key));
  });
  return keyed.map(({ row }) => row);
}

const noHidden: readonly string[] = [];
const noSelection: RowSelectionState = {};

/**
 * Every table of the console: TanStack Table underneath (columns, sorting, visibility,
 * selection), one frame around it (busy bar, notice, empty state, pager), the operator's row
 * density, and rows rendered as plain `tr`/`td` elements styled once for the whole table, so a
 * page of 100 devices renders without a styled component per cell.
 */
export function DataTable<TRow extends RowData, TMeta extends object = object>({
  label,
  columns,
  rows,
  loadingLabel = `Loading ${label}`,
  getRowId,
  sort,
  initialSort,
  paging,
  hidden = noHidden,
  selected = noSelection,
  busy = false,
  empty,
  notice,
  meta,
  maxHeight,
  framed = true,
  styles,
}: DataTableProps<TRow, TMeta>) {
  const [density] = useDensity();
  const [localSort, setLocalSort] = useState<SortingState>(initialSort ? [initialSort] : []);
  const sorting: SortingState = sort ? [{ id: sort.id, desc: sort.desc }] : localSort;
  const columnVisibility = useMemo(
    () => Object.fromEntries(hidden.map((id) => [id, false])),
    [hidden],
  );
  const shownRows = useMemo(
    () => (sort || !rows ? rows : sortedInBrowser(rows, columns, localSort)),
    [sort, rows, columns, localSort],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns: columns,
    data: shownRows ?? [],
    getRowId,
    // The server sorts lists; small tables are sorted above, before TanStack sees them.
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, columnVisibility, rowSelection: selected },
    meta,
  });
  const onSort = (columnId: string) => {
    if (sort) {
      sort.onSort(columnId);
      return;
    }
    const current = localSort[0];
    const next = nextSort(
      current
        ? { sort: current.id, order: current.desc ? 'desc' : 'asc' }
        : { sort: '', order: 'asc' },
      columnId,
    );
    setLocalSort([{ id: next.sort, desc: next.order === 'desc' }]);
  };
  const shownColumns = useMemo(
    () => columns.filter((column) => !hidden.includes(column.id ?? '')),
    [columns, hidden],
  );

  if (rows === undefined) return <TableSkeleton label={loadingLabel} />;
  return (
    <Paper variant="outlined" sx={framed ? undefined : { border: 0, borderRadius: 0 }}>
      {notice ? <Box sx={{ p: 1 }}>{notice}</Box> : null}
      <Box sx={{ height: 4 }}>{busy ? <LinearProgress aria-hidden /> : null}</Box>
      <TableContainer
        sx={
          maxHeight
            ? {
                maxHeight,
                minHeight: 240,
                // In a frame the portal sizes to the content: the whole table shows (Layout).
                '[data-height="content"] &': { maxHeight: 'none' },
              }
            : undefined
        }
      >
        <Table
          size="small"
          aria-label={label}
          aria-busy={busy}
          stickyHeader={maxHeight !== undefined}
          data-density={density}
          sx={[tableDensity(density), dataTableStyles, styles ?? null]}
        >
          <TableHead>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const columnMeta = lookOf(column);
                  const sorted = column.getIsSorted();
                  const content = flexRender(column.columnDef.header, header.getContext());
                  return (
                    <TableCell
                      key={header.id}
                      align={columnMeta?.align}
                      className={cellClass(columnMeta)}
                      style={{ left: columnMeta?.pin, width: columnMeta?.width }}
                      aria-sort={
                        !column.getCanSort()
                          ? undefined
                          : sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : 'none'
                      }
                      sortDirection={sorted === false ? false : sorted}
                    >
                      {column.getCanSort() ? (
                        <TableSortLabel
                          active={sorted !== false}
                          direction={sorted === false ? 'asc' : sorted}
                          onClick={() => onSort(column.id)}
                        >
                          {/* One flex item, so a right-aligned header keeps its own order. */}
                          <span>{content}</span>
                        </TableSortLabel>
                      ) : (
                        content
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableHead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <BodyRow
                key={row.id}
                row={row as DataRow<RowData>}
                selected={row.getIsSelected()}
                columns={shownColumns as readonly DataColumn<RowData>[]}
                meta={meta}
              />
            ))}
          </tbody>
        </Table>
      </TableContainer>
      {rows.length === 0 ? <EmptyState>{empty}</EmptyState> : null}
      {paging ? <TablePager {...paging} /> : null}
    </Paper>
  );
}
