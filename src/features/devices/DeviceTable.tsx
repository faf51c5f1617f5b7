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
import type { Device, DeviceSortField, SortOrder } from '@/api/devices';
import { AppsCell, ModelCell, SoftwareCell, StatusCell, WarrantyCell } from './DeviceCells';

const features = tableFeatures({ rowSortingFeature });

const columns: ColumnDef<typeof features, Device>[] = [
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
    cell: ({ row }) => <SoftwareCell device={row.original} />,
  },
  {
    id: 'warranty',
    header: 'Warranty',
    cell: ({ row }) => <WarrantyCell warranty={row.original.warranty} />,
  },
  { id: 'apps', header: 'Apps', cell: ({ row }) => <AppsCell apps={row.original.apps} /> },
];

interface DeviceTableProps {
  devices: Device[];
  sort: DeviceSortField;
  order: SortOrder;
  onSort: (field: DeviceSortField) => void;
  busy: boolean;
}

/**
 * The device table. Sorting is the server's (manualSorting): the table only shows which
 * column is sorted and asks for another order.
 */
export function DeviceTable({ devices, sort, order, onSort, busy }: DeviceTableProps) {
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
          </TableRow>
        ))}
      </TableHead>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} hover>
            {row.getAllCells().map((cell) => (
              <TableCell key={cell.id}>
                <table.FlexRender cell={cell} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
