import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '@/components/ErrorAlert';
import { serverQueries } from './server-queries';
import { lastResultText, SYNC_STATE_LABELS } from './server-format';
import { tableDensity, useDensity } from '@/components/density';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay } from '@/lib/time-display';
import { EmptyState } from '@/components/EmptyState';

export function serverPath(serverId: string): string {
  return `/servers/${encodeURIComponent(serverId)}`;
}

/** Seed 002: the servers whose module sets the portal controls. */
export function ServersPage() {
  const [display] = useTimeDisplay();
  useDocumentTitle('Upgrade Center');
  const servers = useQuery(serverQueries.list());
  const [density] = useDensity();
  return (
    <Stack spacing={2}>
      <div>
        <Typography variant="h5" component="h1">
          Upgrade Center
        </Typography>
        <Typography color="text.secondary">
          Servers whose core, module, dependency and model versions the portal controls.
        </Typography>
      </div>
      {servers.isError && !servers.data ? (
        <ErrorAlert
          title="The servers could not be loaded."
          error={servers.error}
          onRetry={() => void servers.refetch()}
          retrying={servers.isFetching}
        />
      ) : null}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" sx={tableDensity(density)} aria-label="Servers">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>ID</TableCell>
              <TableCell>Registration</TableCell>
              <TableCell>Connection</TableCell>
              <TableCell>Synchronization</TableCell>
              <TableCell>Last upgrade</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {servers.data?.items.map((server) => (
              <TableRow key={server.id} hover>
                <TableCell>
                  <Link component={RouterLink} to={serverPath(server.id)}>
                    {server.name}
                  </Link>
                </TableCell>
                <TableCell>{server.id}</TableCell>
                <TableCell>{server.registered ? 'Registered' : 'Not registered'}</TableCell>
                <TableCell>{server.online ? 'Online' : 'Offline'}</TableCell>
                <TableCell>{SYNC_STATE_LABELS[server.syncState]}</TableCell>
                <TableCell>{lastResultText(server, display)}</TableCell>
              </TableRow>
            ))}
            {servers.isPending ? (
              <TableRow>
                <TableCell colSpan={6}>
                  <Skeleton />
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
        {servers.data?.items.length === 0 ? (
          <EmptyState>No server is managed from the portal yet.</EmptyState>
        ) : null}
      </TableContainer>
    </Stack>
  );
}
