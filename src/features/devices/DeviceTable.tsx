import UpgradeIcon from '@mui/icons-material/Upgrade';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import {
  flexRender,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import type { Theme } from '@mui/material/styles';
import { memo, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { Device, DeviceSortField, SortOrder } from '@/api/devices';
import { tableDensity, type Density } from '@/components/density';
import { deviceLabel } from '@/components/device-label';
import { LightTooltip } from '@/components/LightTooltip';
import type { TimeDisplay } from '@/lib/time-display';
import type { HideableColumn } from './columns';
import { AppsCell, ModelCell, StatusCell, WarrantyCell } from './DeviceCells';
import { isSelected, pageState, type Selection } from './selection';
import { SoftwareStatus } from './SoftwareStatus';

const features = tableFeatures({ rowSortingFeature });
type Column = ColumnDef<typeof features, Device>;

interface DeviceTableProps {
  devices: Device[];
  sort: DeviceSortField;
  order: SortOrder;
  onSort: (field: DeviceSortField) => void;
  busy: boolean;
  now: Date;
  display: TimeDisplay;
  selection: Selection;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
  /** "Upgrade device software" on a device that is not onboarded. */
  onUpgrade: (device: Device) => void;
  density: Density;
  /** Columns the operator hid (see columns.ts). */
  hidden: readonly HideableColumn[];
}

/** The data columns; selection and actions are rendered by the row, which knows its state. */
const columns: Column[] = [
  { id: 'model', header: 'Model', cell: ({ row }) => <ModelCell device={row.original} /> },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => <StatusCell status={row.original.status} />,
  },
  { id: 'ip', header: 'IP', cell: ({ row }) => row.original.ip },
  { id: 'serial', header: 'MAC/Serial', cell: ({ row }) => row.original.serial },
  {
    id: 'version',
    header: 'AXIS OS',
    cell: ({ row, table }) => (
      <SoftwareStatus
        device={row.original}
        now={(table.options.meta as TableMeta).now}
        display={(table.options.meta as TableMeta).display}
      />
    ),
  },
  {
    id: 'warranty',
    header: 'Warranty',
    cell: ({ row, table }) => (
      <WarrantyCell
        warranty={row.original.warranty}
        locale={(table.options.meta as TableMeta).display.locale}
      />
    ),
  },
  {
    id: 'apps',
    header: 'Apps',
    cell: ({ row, table }) => (
      <AppsCell
        apps={row.original.apps}
        systemApps={row.original.systemApps}
        display={(table.options.meta as TableMeta).display}
      />
    ),
  },
];

interface TableMeta {
  now: Date;
  display: TimeDisplay;
}

type TableRowModel = ReturnType<
  ReturnType<typeof useTable<typeof features, Device>>['getRowModel']
>['rows'][number];

interface DeviceRowProps {
  row: TableRowModel;
  selected: boolean;
  now: Date;
  display: TimeDisplay;
  showActions: boolean;
  /** The shown columns: another set re-renders the row. */
  columns: readonly Column[];
  onToggle: (id: string) => void;
  onUpgrade: (device: Device) => void;
  render: (cell: ReturnType<TableRowModel['getAllCells']>[number]) => ReactNode;
}

const noWrap: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * The body's look, styled once for the whole table: rows are plain `tr`/`td` elements, so a
 * page of devices renders without a styled component (and its style computation) per cell.
 * Spacing follows the operator's density (see components/density); the classes are internal,
 * never a test's handle.
 */
const bodyStyles = (theme: Theme) => ({
  '& tbody td': {
    ...theme.typography.body2,
    lineHeight: '20px',
    borderBottom: `1px solid ${theme.vars?.palette.TableCell.border ?? theme.palette.divider}`,
    verticalAlign: 'middle',
    whiteSpace: 'nowrap',
  },
  '& thead th': { whiteSpace: 'nowrap' },
  '& :is(td, th).check': { width: 40, paddingRight: 0 },
  '& tbody tr:hover': { backgroundColor: theme.vars?.palette.action.hover },
  '& tbody tr[data-selected]': { backgroundColor: theme.vars?.palette.action.selected },
  // The selection and the model stay in view while the table scrolls sideways (a phone).
  '& :is(td, th):is(:nth-of-type(1), :nth-of-type(2))': {
    position: 'sticky' as const,
    zIndex: 1,
    backgroundColor: theme.vars?.palette.background.paper,
  },
  '& :is(td, th):nth-of-type(1)': { left: 0 },
  '& :is(td, th):nth-of-type(2)': {
    left: 40,
    boxShadow: `inset -1px 0 0 ${theme.vars?.palette.divider}`,
  },
  '& thead th:is(:nth-of-type(1), :nth-of-type(2))': { zIndex: 3 },
  '& tbody tr:hover td:is(:nth-of-type(1), :nth-of-type(2))': {
    backgroundImage: `linear-gradient(${theme.vars?.palette.action.hover}, ${theme.vars?.palette.action.hover})`,
  },
  '& tbody tr[data-selected] td:is(:nth-of-type(1), :nth-of-type(2))': {
    backgroundImage: `linear-gradient(${theme.vars?.palette.action.selected}, ${theme.vars?.palette.action.selected})`,
  },
  '& input.row-check': {
    display: 'block',
    width: 18,
    height: 18,
    margin: 0,
    cursor: 'pointer',
    accentColor: theme.vars?.palette.primary.main,
  },
  // Long names end in an ellipsis; the whole text is in the cell's title.
  '& .truncate': {
    display: 'block',
    maxWidth: 220,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  '& .icon-button': {
    display: 'inline-flex',
    padding: '4px',
    marginLeft: '-4px',
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: theme.vars?.palette.action.active,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.vars?.palette.action.hover },
    '&:disabled': { color: theme.vars?.palette.action.disabled, cursor: 'default' },
  },
  '& .icon-button.primary': { color: theme.vars?.palette.primary.main },
  '& .chip': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 20,
    padding: '0 6px',
    borderRadius: 10,
    fontSize: '0.75rem',
    whiteSpace: 'nowrap',
  },
  // The darker (or, in dark mode, lighter) shade keeps the text at 4.5:1 against the page.
  '& .chip-info': {
    border: `1px solid ${theme.vars?.palette.info.dark}`,
    color: theme.vars?.palette.info.dark,
    ...theme.applyStyles('dark', {
      borderColor: theme.vars?.palette.info.light,
      color: theme.vars?.palette.info.light,
    }),
  },
  '& .chip-warning': {
    backgroundColor: theme.vars?.palette.warning.main,
    color: theme.vars?.palette.warning.contrastText,
  },
  '& :is(input.row-check, .icon-button, .chip):focus-visible': {
    outline: `2px solid ${theme.vars?.palette.primary.main}`,
    outlineOffset: 1,
  },
});

/** One row, re-rendered only when its device, its selection or the minute changes. */
const DeviceRow = memo(
  function DeviceRow({ row, selected, showActions, onToggle, onUpgrade, render }: DeviceRowProps) {
    const device = row.original;
    return (
      <tr data-selected={selected || undefined}>
        <td className="check">
          <input
            type="checkbox"
            className="row-check"
            checked={selected}
            onChange={() => onToggle(device.id)}
            aria-label={`Select ${deviceLabel(device)}`}
          />
        </td>
        {row.getAllCells().map((cell) => (
          <td key={cell.id}>{render(cell)}</td>
        ))}
        {showActions ? (
          <td style={noWrap}>
            {!device.onboarded && device.update.state === 'available' ? (
              <LightTooltip title="Upgrade device software">
                <button
                  type="button"
                  className="icon-button primary"
                  onClick={() => onUpgrade(device)}
                  disabled={device.status === 'unreachable'}
                  aria-label={`Upgrade device software: ${deviceLabel(device)}`}
                >
                  <UpgradeIcon fontSize="small" />
                </button>
              </LightTooltip>
            ) : null}
          </td>
        ) : null}
      </tr>
    );
  },
  // TanStack Table makes new row objects when its state does; the device itself decides.
  (before, after) =>
    before.row.original === after.row.original &&
    before.selected === after.selected &&
    before.now === after.now &&
    before.display === after.display &&
    before.showActions === after.showActions &&
    before.columns === after.columns &&
    before.onToggle === after.onToggle &&
    before.onUpgrade === after.onUpgrade,
);

/**
 * The device table. Sorting is the server's (manualSorting): the table only shows which
 * column is sorted and asks for another order. Selection follows `Selection`, which can mean
 * every device matching the filter.
 */
export function DeviceTable({
  devices,
  sort,
  order,
  onSort,
  busy,
  now,
  display,
  selection,
  onToggle,
  onTogglePage,
  onUpgrade,
  density,
  hidden,
}: DeviceTableProps) {
  const showActions = !hidden.includes('actions');
  const shown = useMemo(
    () => columns.filter((column) => !hidden.includes(column.id as HideableColumn)),
    [hidden],
  );
  const headerState = pageState(
    selection,
    devices.map((device) => device.id),
  );
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  const table = useTable({
    features,
    columns: shown,
    data: devices,
    getRowId: (device) => device.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
    meta: { now, display } satisfies TableMeta,
  });

  return (
    <Table
      size="small"
      aria-label="Devices"
      aria-busy={busy}
      stickyHeader
      data-density={density}
      sx={[tableDensity(density), bodyStyles]}
    >
      <TableHead>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            <TableCell className="check">
              <Checkbox
                sx={{ p: 0 }}
                size="small"
                checked={headerState === 'all'}
                indeterminate={headerState === 'some'}
                disabled={devices.length === 0}
                onChange={onTogglePage}
                slotProps={{ input: { 'aria-label': 'Select all devices on this page' } }}
              />
            </TableCell>
            {group.headers.map((header) => {
              const field = header.column.id as DeviceSortField;
              const sorted = header.column.getIsSorted();
              return (
                <TableCell
                  key={header.id}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                  }
                  sortDirection={sorted === false ? false : sorted}
                >
                  <TableSortLabel
                    active={sorted !== false}
                    direction={sorted === false ? 'asc' : sorted}
                    onClick={() => onSort(field)}
                  >
                    <table.FlexRender header={header} />
                  </TableSortLabel>
                </TableCell>
              );
            })}
            {showActions ? <TableCell>Actions</TableCell> : null}
          </TableRow>
        ))}
      </TableHead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <DeviceRow
            key={row.id}
            row={row}
            selected={isSelected(selection, row.id)}
            now={now}
            display={display}
            showActions={showActions}
            columns={shown}
            onToggle={onToggle}
            onUpgrade={onUpgrade}
            render={renderCell}
          />
        ))}
      </tbody>
    </Table>
  );
}

function renderCell(cell: ReturnType<TableRowModel['getAllCells']>[number]): ReactNode {
  return flexRender(cell.column.columnDef.cell, cell.getContext());
}
