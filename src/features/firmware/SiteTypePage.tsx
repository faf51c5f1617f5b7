import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { parseQueryState, writeQueryState } from '@/api/query-state';
import {
  CHANNEL_LABELS,
  SITE_STATE_LABELS,
  SiteListQuery,
  SiteUpdateState,
  type DeviceTypeStats,
  type Site,
  type SiteStateFilter,
} from '@/api/sites';
import { ErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { MutationError } from '@/components/MutationError';
import { SearchBox } from '@/components/SearchBox';
import { TablePager } from '@/components/TablePager';
import { useNow } from '@/lib/use-now';
import { CancelUpdateDialog } from './CancelUpdateDialog';
import { tableDensity, useDensity } from '@/components/density';
import { siteQueries, useUpdateSite } from './site-queries';
import { formatBytes, formatDuration, partitionsText, siteStateText } from './site-format';
import { StackedBar, Swatch } from './StackedBar';
import { UpdateAllDialog } from './UpdateAllDialog';
import { UpdateSiteDialog } from './UpdateSiteDialog';
import { useDocumentTitle } from '@/lib/use-document-title';
import { TableSkeleton } from '@/components/TableSkeleton';
import { EmptyState } from '@/components/EmptyState';

const pageSizeOptions = [25, 50, 100] as const;

const stateFilterLabels: Record<SiteStateFilter, string> = {
  current: 'On current version',
  'no-update': 'No update planned',
  updating: 'Updating (any step)',
  failed: 'Update failed',
  ...SITE_STATE_LABELS,
};

function StatsLine({ stats }: { stats: DeviceTypeStats }) {
  return (
    <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography>
        {stats.devices} sites · current version {stats.currentVersion}
      </Typography>
      <Typography>
        <Swatch group="noUpdatePlanned" />
        {stats.noUpdatePlanned} no update planned
      </Typography>
      <Typography>
        <Swatch group="updating" />
        {stats.updating} updating
      </Typography>
      <Typography>
        <Swatch group="onCurrentVersion" />
        {stats.onCurrentVersion} on current version
      </Typography>
      <div style={{ flex: '1 1 200px', maxWidth: 320 }}>
        <StackedBar stats={stats} />
      </div>
    </Stack>
  );
}

function DownloadCell({ site }: { site: Site }) {
  const download = site.update?.download;
  if (!download) return null;
  const text = `${formatBytes(download.bytes)} of ${formatBytes(download.totalBytes)}, part ${download.parts} of ${download.totalParts}`;
  return (
    <div style={{ minWidth: 100 }} title={text}>
      <LinearProgress
        variant="determinate"
        value={(download.bytes / download.totalBytes) * 100}
        aria-label={`Download of site ${site.number}`}
        aria-valuetext={text}
      />
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        sx={{ lineHeight: '16px' }}
      >
        {formatBytes(download.bytes)} / {formatBytes(download.totalBytes)}
      </Typography>
    </div>
  );
}

type OpenDialog = { kind: 'site' } | { kind: 'all' } | { kind: 'cancel'; site: Site } | null;

/** One device type's sites with the seed's three actions. */
export function SiteTypePage() {
  const deviceType = useParams().deviceType ?? '';
  useDocumentTitle(deviceType, 'Site software update');
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseQueryState(SiteListQuery, searchParams);
  const list = useQuery(siteQueries.list(deviceType, params));
  const now = useNow(15_000);
  const retry = useUpdateSite(deviceType);
  const [density] = useDensity();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const update = (change: Partial<SiteListQuery>, options: { resetPage?: boolean } = {}) => {
    const next = { ...params, ...change, ...(options.resetPage ? { page: 1 } : {}) };
    setSearchParams((current) => writeQueryState(SiteListQuery, current, next));
  };
  const onSearch = useCallback(
    (q: string) =>
      setSearchParams((current) =>
        writeQueryState(SiteListQuery, current, {
          ...parseQueryState(SiteListQuery, current),
          q: q.trim() === '' ? undefined : q.trim(),
          page: 1,
        }),
      ),
    [setSearchParams],
  );

  const stats = list.data?.stats;
  const sites = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component={RouterLink} to="/firmware">
          Site software update
        </Link>
        <Typography color="text.primary">{deviceType}</Typography>
      </Breadcrumbs>
      <Typography variant="h5" component="h1">
        Site software update: {deviceType}
      </Typography>
      {stats ? <StatsLine stats={stats} /> : null}
      {list.isError && !list.data ? (
        <ErrorAlert
          title={`The ${deviceType} sites could not be loaded.`}
          error={list.error}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : null}

      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        <Button variant="contained" disabled={!stats} onClick={() => setDialog({ kind: 'site' })}>
          Update using site number…
        </Button>
        <Button variant="outlined" disabled={!stats} onClick={() => setDialog({ kind: 'all' })}>
          Update software at all sites
        </Button>
      </Stack>
      <MutationError error={retry.error} what="The update was not retried." />

      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SearchBox
          value={params.q ?? ''}
          onSearch={onSearch}
          label="Search sites"
          help="Site number, or part of it"
        />
        <TextField
          select
          size="small"
          label="Update state"
          value={params.state ?? ''}
          onChange={(event) =>
            update(
              { state: (event.target.value || undefined) as SiteStateFilter | undefined },
              { resetPage: true },
            )
          }
          sx={{ minWidth: 240 }}
        >
          <MenuItem value="">All sites</MenuItem>
          {(
            ['current', 'no-update', 'updating', 'failed', ...SiteUpdateState.options] as const
          ).map((state) => (
            <MenuItem key={state} value={state}>
              {stateFilterLabels[state]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>

      {list.isPending ? <TableSkeleton label={`Loading ${deviceType} sites`} /> : null}

      {list.data ? (
        <Paper variant="outlined">
          <TableContainer>
            <Table
              size="small"
              sx={tableDensity(density)}
              aria-label={`${deviceType} sites`}
              aria-busy={list.isFetching && list.isPlaceholderData}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Site number</TableCell>
                  <TableCell>Version</TableCell>
                  <TableCell>Channel</TableCell>
                  <TableCell>Connection</TableCell>
                  <TableCell>Partitions</TableCell>
                  <TableCell>Update state</TableCell>
                  <TableCell>Download</TableCell>
                  <TableCell>Time in state</TableCell>
                  <TableCell>Last failure</TableCell>
                  <TableCell>Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sites.map((site) => {
                  const group = site.update
                    ? 'updating'
                    : site.version === stats?.currentVersion
                      ? 'onCurrentVersion'
                      : 'noUpdatePlanned';
                  const state = siteStateText(site, stats?.currentVersion ?? '');
                  return (
                    <TableRow key={site.number} hover>
                      <TableCell>{site.number}</TableCell>
                      <TableCell>{site.version}</TableCell>
                      <TableCell>{CHANNEL_LABELS[site.channel]}</TableCell>
                      <TableCell>{site.connected ? 'Connected' : 'Not connected'}</TableCell>
                      <TableCell>{partitionsText(site.partitions)}</TableCell>
                      <TableCell className="truncate" title={state} style={{ maxWidth: 180 }}>
                        <Swatch group={group} />
                        {state}
                      </TableCell>
                      <TableCell>
                        <DownloadCell site={site} />
                      </TableCell>
                      <TableCell>
                        {site.update
                          ? formatDuration(now.getTime() - Date.parse(site.update.since))
                          : null}
                      </TableCell>
                      <TableCell
                        className="truncate"
                        title={site.lastFailure?.reason}
                        style={{ maxWidth: 160 }}
                      >
                        {site.lastFailure?.reason}
                      </TableCell>
                      <TableCell>
                        {site.update ? (
                          <Button size="small" onClick={() => setDialog({ kind: 'cancel', site })}>
                            Cancel update…
                          </Button>
                        ) : site.lastFailure && group === 'noUpdatePlanned' ? (
                          <Button
                            size="small"
                            disabled={retry.isPending}
                            onClick={() =>
                              retry.mutate(site.number, {
                                onSuccess: () =>
                                  setNotice(`Site ${site.number} is queued for the update again.`),
                              })
                            }
                          >
                            Retry update
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {sites.length === 0 ? (
            <EmptyState>
              {params.q || params.state
                ? 'No site matches this search and filter. Change or clear them to see more.'
                : `There are no ${deviceType} sites on this receiver.`}
            </EmptyState>
          ) : null}
          <TablePager
            total={total}
            page={params.page}
            pageSize={params.pageSize}
            pageSizeOptions={pageSizeOptions}
            onPage={(page) => update({ page })}
            onPageSize={(pageSize) => update({ pageSize }, { resetPage: true })}
          />
        </Paper>
      ) : null}

      {dialog?.kind === 'site' && stats ? (
        <UpdateSiteDialog
          deviceType={deviceType}
          currentVersion={stats.currentVersion}
          onClose={() => setDialog(null)}
          onDone={setNotice}
        />
      ) : null}
      {dialog?.kind === 'all' ? (
        <UpdateAllDialog
          deviceType={deviceType}
          onClose={() => setDialog(null)}
          onDone={setNotice}
        />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelUpdateDialog site={dialog.site} onClose={() => setDialog(null)} onDone={setNotice} />
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
