import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import type { DeviceTypeStats } from '@/api/sites';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import { PageHeader } from '@/components/PageHeader';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { useDocumentTitle } from '@/lib/use-document-title';
import { siteQueries } from '@/queries/sites';
import { StackedBar, Swatch } from './StackedBar';

export function typePath(deviceType: string): string {
  return `/firmware/${encodeURIComponent(deviceType)}`;
}

const columns: DataColumn<DeviceTypeStats>[] = [
  {
    id: 'deviceType',
    header: 'Device type',
    accessorFn: (type) => type.deviceType,
    meta: { pin: 0, pinEdge: true },
    cell: ({ row }) => (
      <Link component={RouterLink} to={typePath(row.original.deviceType)}>
        {row.original.deviceType}
      </Link>
    ),
  },
  {
    id: 'devices',
    header: 'Devices',
    accessorFn: (type) => type.devices,
    meta: { align: 'right' },
  },
  {
    id: 'currentVersion',
    header: 'Current version',
    accessorFn: (type) =>
      type.recalled?.length
        ? `${type.currentVersion} (${type.recalled.map((recall) => recall.version).join(', ')} recalled)`
        : type.currentVersion,
  },
  {
    id: 'noUpdatePlanned',
    header: () => (
      <>
        <Swatch group="noUpdatePlanned" />
        No update planned
      </>
    ),
    accessorFn: (type) => type.noUpdatePlanned,
    meta: { align: 'right' },
  },
  {
    id: 'held',
    header: () => (
      <>
        <Swatch group="held" />
        Held
      </>
    ),
    accessorFn: (type) => type.held ?? 0,
    meta: { align: 'right' },
  },
  {
    id: 'updating',
    header: () => (
      <>
        <Swatch group="updating" />
        Updating
      </>
    ),
    accessorFn: (type) => type.updating,
    meta: { align: 'right' },
  },
  {
    id: 'onCurrentVersion',
    header: () => (
      <>
        <Swatch group="onCurrentVersion" />
        On current version
      </>
    ),
    accessorFn: (type) => type.onCurrentVersion,
    meta: { align: 'right' },
  },
  {
    id: 'glance',
    header: 'Versions at a glance',
    enableSorting: false,
    cell: ({ row }) => <StackedBar stats={row.original} />,
  },
  {
    id: 'actions',
    header: 'Actions',
    enableSorting: false,
    cell: ({ row }) => (
      <Button
        component={RouterLink}
        to={typePath(row.original.deviceType)}
        size="small"
        aria-label={`Update … ${row.original.deviceType}`}
      >
        Update …
      </Button>
    ),
  },
];

const typeId = (type: DeviceTypeStats) => type.deviceType;
// The Held column shows where some type has held sites: otherwise the table is as it was.
const withoutHeld = columns.filter((column) => column.id !== 'held');

/** The statistics: software versions per device type, in numbers and as a picture. */
export function StatisticsPage() {
  useDocumentTitle('Site software update');
  const stats = useQuery(siteQueries.stats());
  const anyHeld = stats.data?.items.some((type) => (type.held ?? 0) > 0) ?? false;
  return (
    <Stack spacing={2}>
      <PageHeader
        title="Site software update"
        description="Software versions of the sites on this receiver, by device type. Red sites run an old version with no update planned; yellow ones are updating."
      />
      {stats.isError && !stats.data ? (
        <QueryErrorAlert query={stats} title="The statistics could not be loaded." />
      ) : (
        <DataTable
          label="Software versions by device type"
          loadingLabel="Loading the statistics"
          columns={anyHeld ? columns : withoutHeld}
          rows={stats.data?.items}
          getRowId={typeId}
          empty="There are no sites on this receiver."
        />
      )}
    </Stack>
  );
}
