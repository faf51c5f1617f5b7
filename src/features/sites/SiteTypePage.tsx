import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { parseQueryState, writeQueryState } from '@/api/query-state';
import {
  SITE_STATE_LABELS,
  SiteListQuery,
  SiteUpdateState,
  type DeviceTypeStats,
  type Site,
  type SiteStateFilter,
} from '@/api/sites';
import { nextSort } from '@/components/data-table/next-sort';
import { ErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { Notice } from '@/components/Notice';
import { SearchBox } from '@/components/SearchBox';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useNow } from '@/lib/use-now';
import { CancelUpdateDialog } from './CancelUpdateDialog';
import { siteQueries, useUpdateSite } from '@/queries/sites';
import { SiteTable } from './SiteTable';
import { StackedBar, Swatch } from './StackedBar';
import { UpdateAllDialog } from './UpdateAllDialog';
import { UpdateSiteDialog } from './UpdateSiteDialog';

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
    <Stack
      direction="row"
      sx={{ flexWrap: 'wrap', alignItems: 'center', columnGap: 3, rowGap: 0.5 }}
    >
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

type OpenDialog = { kind: 'site' } | { kind: 'all' } | { kind: 'cancel'; site: Site } | null;

/** One device type's sites with the three actions of the site software update. */
export function SiteTypePage() {
  const deviceType = useParams().deviceType ?? '';
  useDocumentTitle(deviceType, 'Site software update');
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseQueryState(SiteListQuery, searchParams);
  const list = useQuery(siteQueries.list(deviceType, params));
  const now = useNow(15_000);
  const retry = useUpdateSite(deviceType);
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

  const onCancel = useCallback((site: Site) => setDialog({ kind: 'cancel', site }), []);
  const retrySite = retry.mutate;
  const onRetry = useCallback(
    (site: Site) =>
      retrySite(site.number, {
        onSuccess: () => setNotice(`Site ${site.number} is queued for the update again.`),
      }),
    [retrySite],
  );

  const stats = list.data?.stats;
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

      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="contained" disabled={!stats} onClick={() => setDialog({ kind: 'site' })}>
          Update using site number…
        </Button>
        <Button variant="outlined" disabled={!stats} onClick={() => setDialog({ kind: 'all' })}>
          Update software at all sites
        </Button>
      </Stack>
      <MutationError error={retry.error} what="The update was not retried." />

      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
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

      {list.isError && !list.data ? null : (
        <SiteTable
          deviceType={deviceType}
          sites={list.data?.items}
          currentVersion={stats?.currentVersion ?? ''}
          sort={params.sort}
          order={params.order}
          onSort={(field) => update(nextSort(params, field), { resetPage: true })}
          paging={{
            total,
            page: params.page,
            pageSize: params.pageSize,
            pageSizeOptions,
            onPage: (page) => update({ page }),
            onPageSize: (pageSize) => update({ pageSize }, { resetPage: true }),
          }}
          busy={list.isFetching && list.isPlaceholderData}
          now={now}
          retrying={retry.isPending}
          onCancel={onCancel}
          onRetry={onRetry}
          empty={
            params.q || params.state
              ? 'No site matches this search and filter. Change or clear them to see more.'
              : `There are no ${deviceType} sites on this receiver.`
          }
        />
      )}

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
