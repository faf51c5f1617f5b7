import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '@/components/ErrorAlert';
import { siteQueries } from './site-queries';
import { StackedBar, Swatch } from './StackedBar';
import { tableDensity, useDensity } from '@/components/density';
import { useDocumentTitle } from '@/lib/use-document-title';
import { EmptyState } from '@/components/EmptyState';

export function typePath(deviceType: string): string {
  return `/firmware/${encodeURIComponent(deviceType)}`;
}

/** Seed 001's statistics: software versions per device type, in numbers and as a picture. */
export function StatisticsPage() {
  useDocumentTitle('Site software update');
  const stats = useQuery(siteQueries.stats());
  const [density] = useDensity();
  return (
    <Stack spacing={2}>
      <div>
        <Typography variant="h5" component="h1">
          Site software update
        </Typography>
        <Typography color="text.secondary">
          Software versions of the sites on this receiver, by device type. Red sites run an old
          version with no update planned; yellow ones are updating.
        </Typography>
      </div>
      {stats.isError && !stats.data ? (
        <ErrorAlert
          title="The statistics could not be loaded."
          error={stats.error}
          onRetry={() => void stats.refetch()}
          retrying={stats.isFetching}
        />
      ) : null}
      <TableContainer component={Paper} variant="outlined">
        <Table
          size="small"
          sx={tableDensity(density)}
          aria-label="Software versions by device type"
          aria-busy={stats.isFetching}
        >
          <TableHead>
            <TableRow>
              <TableCell>Device type</TableCell>
              <TableCell align="right">Devices</TableCell>
              <TableCell>Current version</TableCell>
              <TableCell align="right">
                <Swatch group="noUpdatePlanned" />
                No update planned
              </TableCell>
              <TableCell align="right">
                <Swatch group="updating" />
                Updating
              </TableCell>
              <TableCell align="right">
                <Swatch group="onCurrentVersion" />
                On current version
              </TableCell>
              <TableCell sx={{ width: '28%' }}>Versions at a glance</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stats.data?.items.map((type) => (
              <TableRow key={type.deviceType} hover>
                <TableCell>
                  <Link component={RouterLink} to={typePath(type.deviceType)}>
                    {type.deviceType}
                  </Link>
                </TableCell>
                <TableCell align="right">{type.devices}</TableCell>
                <TableCell>{type.currentVersion}</TableCell>
                <TableCell align="right">{type.noUpdatePlanned}</TableCell>
                <TableCell align="right">{type.updating}</TableCell>
                <TableCell align="right">{type.onCurrentVersion}</TableCell>
                <TableCell>
                  <StackedBar stats={type} />
                </TableCell>
                <TableCell>
                  <Button
                    component={RouterLink}
                    to={typePath(type.deviceType)}
                    size="small"
                    aria-label={`Update … ${type.deviceType}`}
                  >
                    Update …
                  </Button>
                </TableCell>
              </TableRow>
            ))}
            {stats.isPending
              ? [0, 1, 2].map((row) => (
                  <TableRow key={row}>
                    <TableCell colSpan={8}>
                      <Skeleton />
                    </TableCell>
                  </TableRow>
                ))
              : null}
          </TableBody>
        </Table>
        {stats.data?.items.length === 0 ? (
          <EmptyState>There are no sites on this receiver.</EmptyState>
        ) : null}
      </TableContainer>
    </Stack>
  );
}
