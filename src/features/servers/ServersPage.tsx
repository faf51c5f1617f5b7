import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import type { ServerSummary } from '@/api/servers';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import { PageHeader } from '@/components/PageHeader';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { serverQueries } from '@/queries/servers';
import { lastResultText, SYNC_STATE_LABELS } from './server-format';

export function serverPath(serverId: string): string {
  return `/servers/${encodeURIComponent(serverId)}`;
}

function serverColumns(display: TimeDisplay): DataColumn<ServerSummary>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (server) => server.name,
      meta: { pin: 0, pinEdge: true },
      cell: ({ row }) => (
        <Link component={RouterLink} to={serverPath(row.original.id)}>
          {row.original.name}
        </Link>
      ),
    },
    { id: 'id', header: 'ID', accessorFn: (server) => server.id },
    {
      id: 'registration',
      header: 'Registration',
      accessorFn: (server) => (server.registered ? 'Registered' : 'Not registered'),
    },
    {
      id: 'connection',
      header: 'Connection',
      accessorFn: (server) => (server.online ? 'Online' : 'Offline'),
    },
    {
      id: 'sync',
      header: 'Synchronization',
      accessorFn: (server) => SYNC_STATE_LABELS[server.syncState],
    },
    {
      id: 'lastUpgrade',
      header: 'Last upgrade',
      // Sorted by when, shown as what and when.
      accessorFn: (server) => server.lastResult?.at ?? '',
      cell: ({ row }) => lastResultText(row.original, display),
    },
  ];
}

const serverId = (server: ServerSummary) => server.id;

/** The servers whose module sets the portal controls. */
export function ServersPage() {
  const [display] = useTimeDisplay();
  useDocumentTitle('Upgrade Center');
  const servers = useQuery(serverQueries.list());
  const columns = useMemo(() => serverColumns(display), [display]);
  return (
    <Stack spacing={2}>
      <PageHeader
        title="Upgrade Center"
        description="Servers whose core, module, dependency and model versions the portal controls."
      />
      {servers.isError && !servers.data ? (
        <QueryErrorAlert query={servers} title="The servers could not be loaded." />
      ) : (
        <DataTable
          label="Servers"
          loadingLabel="Loading servers"
          columns={columns}
          rows={servers.data?.items}
          getRowId={serverId}
          empty="No server is managed from the portal yet."
        />
      )}
    </Stack>
  );
}
