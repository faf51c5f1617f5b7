import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
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
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Device, DeviceSortField, SortOrder } from '@/api/devices';
import { deviceLabel } from '@/components/device-label';
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
  selection: Selection;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
  /** "Upgrade device software" on a device that is not onboarded. */
  onUpgrade: (device: Device) => void;
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
      <SoftwareStatus device={row.original} now={(table.options.meta as TableMeta).now} />
    ),
  },
  {
    id: 'warranty',
    header: 'Warranty',
    cell: ({ row }) => <WarrantyCell warranty={row.original.warranty} />,
  },
  { id: 'apps', header: 'Apps', cell: ({ row }) => <AppsCell apps={row.original.apps} /> },
];

interface TableMeta {
  now: Date;
}

type TableRowModel = ReturnType<
  ReturnType<typeof useTable<typeof features, Device>>['getRowModel']
>['rows'][number];

interface DeviceRowProps {
  row: TableRowModel;
  selected: boolean;
  now: Date;
  onToggle: (id: string) => void;
  onUpgrade: (device: Device) => void;
  render: (cell: ReturnType<TableRowModel['getAllCells']>[number]) => ReactNode;
}

const versionCell: CSSProperties = { minWidth: 190 };
const noWrap: CSSProperties = { whiteSpace: 'nowrap' };

/** One row, re-rendered only when its device, its selection or the minute changes. */
const DeviceRow = memo(
  function DeviceRow({ row, selected, onToggle, onUpgrade, render }: DeviceRowProps) {
    const device = row.original;
    return (
      <TableRow hover selected={selected}>
        <TableCell padding="checkbox">
          <Checkbox
            size="small"
            checked={selected}
            onChange={() => onToggle(device.id)}
            slotProps={{ input: { 'aria-label': `Select ${deviceLabel(device)}` } }}
          />
        </TableCell>
        {row.getAllCells().map((cell) => (
          <TableCell key={cell.id} style={cell.column.id === 'version' ? versionCell : noWrap}>
            {render(cell)}
          </TableCell>
        ))}
        <TableCell style={noWrap}>
          {!device.onboarded && device.update.state === 'available' ? (
            <Button
              size="small"
              variant="outlined"
              onClick={() => onUpgrade(device)}
              disabled={device.status === 'unreachable'}
              aria-label={`Upgrade device software: ${deviceLabel(device)}`}
            >
              Upgrade device software
            </Button>
          ) : null}
        </TableCell>
      </TableRow>
    );
  },
  // TanStack Table makes new row objects when its state does; the device itself decides.
  (before, after) =>
    before.row.original === after.row.original &&
    before.selected === after.selected &&
    before.now === after.now &&
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
  selection,
  onToggle,
  onTogglePage,
  onUpgrade,
}: DeviceTableProps) {
  const headerState = pageState(
    selection,
    devices.map((device) => device.id),
  );
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  const table = useTable({
    features,
    columns,
    data: devices,
    getRowId: (device) => device.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
    meta: { now } satisfies TableMeta,
  });

  return (
    <Table size="small" aria-label="Devices" aria-busy={busy} stickyHeader>
      <TableHead>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            <TableCell padding="checkbox">
              <Checkbox
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
            <TableCell>Actions</TableCell>
          </TableRow>
        ))}
      </TableHead>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <DeviceRow
            key={row.id}
            row={row}
            selected={isSelected(selection, row.id)}
            now={now}
            onToggle={onToggle}
            onUpgrade={onUpgrade}
            render={renderCell}
          />
        ))}
      </TableBody>
    </Table>
  );
}

function renderCell(cell: ReturnType<TableRowModel['getAllCells']>[number]): ReactNode {
  return flexRender(cell.column.columnDef.cell, cell.getContext());
}
