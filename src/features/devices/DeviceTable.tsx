import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import {
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { deviceSortFields, type Device, type DeviceSortField, type SortOrder } from '@/api/devices';
import { AppsCell, ModelCell, StatusCell, WarrantyCell } from './DeviceCells';
import { isSelected, pageState, type Selection } from './selection';
import { SoftwareStatus } from './SoftwareStatus';

const features = tableFeatures({ rowSortingFeature });
type Column = ColumnDef<typeof features, Device>;

export function deviceLabel(device: Device): string {
  return device.name
    ? `${device.name} (${device.model}, ${device.ip})`
    : `${device.model} (${device.ip})`;
}

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
  const pageIds = useMemo(() => devices.map((device) => device.id), [devices]);
  const headerState = pageState(selection, pageIds);

  const columns = useMemo<Column[]>(
    () => [
      {
        id: 'select',
        enableSorting: false,
        header: () => (
          <Checkbox
            size="small"
            checked={headerState === 'all'}
            indeterminate={headerState === 'some'}
            disabled={pageIds.length === 0}
            onChange={onTogglePage}
            slotProps={{ input: { 'aria-label': 'Select all devices on this page' } }}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            size="small"
            checked={isSelected(selection, row.original.id)}
            onChange={() => onToggle(row.original.id)}
            slotProps={{ input: { 'aria-label': `Select ${deviceLabel(row.original)}` } }}
          />
        ),
      },
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
        cell: ({ row }) => <SoftwareStatus device={row.original} now={now} />,
      },
      {
        id: 'warranty',
        header: 'Warranty',
        cell: ({ row }) => <WarrantyCell warranty={row.original.warranty} />,
      },
      { id: 'apps', header: 'Apps', cell: ({ row }) => <AppsCell apps={row.original.apps} /> },
      {
        id: 'actions',
        enableSorting: false,
        header: 'Actions',
        cell: ({ row }) =>
          !row.original.onboarded && row.original.update.state === 'available' ? (
            <Button
              size="small"
              variant="outlined"
              onClick={() => onUpgrade(row.original)}
              disabled={row.original.status === 'unreachable'}
              aria-label={`Upgrade device software: ${deviceLabel(row.original)}`}
            >
              Upgrade device software
            </Button>
          ) : null,
      },
    ],
    [headerState, pageIds.length, selection, onToggle, onTogglePage, onUpgrade, now],
  );

  const sorting = useMemo<SortingState>(
    () => [{ id: sort, desc: order === 'desc' }],
    [sort, order],
  );
  const table = useTable({
    features,
    columns,
    data: devices,
    getRowId: (device) => device.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
  });

  return (
    <Table size="small" aria-label="Devices" aria-busy={busy} stickyHeader>
      <TableHead>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              // The server sorts; the table only knows which columns it can sort by.
              const canSort = (deviceSortFields as readonly string[]).includes(header.column.id);
              const sorted = header.column.getIsSorted();
              return (
                <TableCell
                  key={header.id}
                  padding={header.column.id === 'select' ? 'checkbox' : 'normal'}
                  aria-sort={
                    !canSort
                      ? undefined
                      : sorted === 'asc'
                        ? 'ascending'
                        : sorted === 'desc'
                          ? 'descending'
                          : 'none'
                  }
                  sortDirection={sorted === false ? false : sorted}
                >
                  {canSort ? (
                    <TableSortLabel
                      active={sorted !== false}
                      direction={sorted === false ? 'asc' : sorted}
                      onClick={() => onSort(header.column.id as DeviceSortField)}
                    >
                      <table.FlexRender header={header} />
                    </TableSortLabel>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableHead>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} hover selected={isSelected(selection, row.id)}>
            {row.getAllCells().map((cell) => (
              <TableCell
                key={cell.id}
                padding={cell.column.id === 'select' ? 'checkbox' : 'normal'}
              >
                <table.FlexRender cell={cell} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
