import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useParams } from 'react-router';
import {
  SITE_STATE_LABELS,
  SiteListQuery,
  SiteUpdateState,
  type DeviceTypeStats,
  type Site,
  type SiteStateFilter,
} from '@/api/sites';
import type { SiteSelection } from '@/api/holds';
import { SelectionBanner } from '@/components/data-table/SelectionBanner';
import { toBulkSelection, type Selection } from '@/components/data-table/selection';
import { useListState } from '@/components/data-table/use-list-state';
import { useSelection } from '@/components/data-table/use-selection';
import { plural } from '@/lib/format';
import { FilterBar } from '@/components/FilterBar';
import { PageHeader } from '@/components/PageHeader';
import { PermittedButton } from '@/components/PermittedButton';
import { ParentBreadcrumb } from '@/components/ParentBreadcrumb';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { Notice } from '@/components/Notice';
import { SearchBox } from '@/components/SearchBox';
import { HistoryDialog } from '@/features/activity/public';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { useNow } from '@/lib/use-now';
import { CancelUpdateDialog } from './CancelUpdateDialog';
import { useFeature, useServedAreas } from '@/queries/session';
import { siteQueries, useUpdateSite } from '@/queries/sites';
import { NoUpdateCauses } from './NoUpdateCauses';
import { WaitingApprovals } from '@/features/approvals/public';
import { PlanRolloutDialog, RolloutsPanel } from '@/features/rollouts/public';
import { FrozenBanner } from '@/features/freezes/public';
import { SiteTable } from './SiteTable';
import { StackedBar, Swatch } from './StackedBar';
import { UpdateAllDialog } from './UpdateAllDialog';
import { UpdateSiteDialog } from './UpdateSiteDialog';

// The hold dialogs load when first opened.
const HoldSitesDialog = lazy(() =>
  import('./HoldDialogs').then((module) => ({ default: module.HoldSitesDialog })),
);
const ReleaseHoldsDialog = lazy(() =>
  import('./HoldDialogs').then((module) => ({ default: module.ReleaseHoldsDialog })),
);
const RecallDialog = lazy(() =>
  import('./RecallDialog').then((module) => ({ default: module.RecallDialog })),
);

/** The site list's search and filters: what "every site matching" means. */
type SiteFilter = Extract<SiteSelection, { mode: 'filter' }>['filter'];

function filterOf(params: SiteListQuery): SiteFilter {
  const { q, state, cause, rollout, wave } = params;
  return { q, state, cause, rollout, wave };
}

/** The contract's form of the checked sites. */
function toSiteSelection(selection: Selection<SiteFilter>): SiteSelection {
  const bulk = toBulkSelection(selection);
  return bulk.mode === 'ids'
    ? { mode: 'numbers', numbers: bulk.ids.map(Number) }
    : { mode: 'filter', filter: bulk.filter, except: bulk.except.map(Number) };
}

const stateFilterLabels: Record<SiteStateFilter, string> = {
  current: 'On current version',
  'no-update': 'No update planned',
  updating: 'Updating (any step)',
  held: 'Held',
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
        {stats.recalled?.length
          ? ` · ${stats.recalled.map((recall) => recall.version).join(', ')} recalled`
          : ''}
      </Typography>
      <Typography>
        <Swatch group="noUpdatePlanned" />
        {stats.noUpdatePlanned} no update planned
      </Typography>
      {stats.held ? (
        <Typography>
          <Swatch group="held" />
          {stats.held} held
        </Typography>
      ) : null}
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

/** The type's recalls, newest first: which version, when, by whom and why. */
function RecalledNote({ stats, display }: { stats: DeviceTypeStats; display: TimeDisplay }) {
  const recalls = [...(stats.recalled ?? [])].reverse();
  return (
    <Alert severity="warning" role="note" aria-label="Recalled versions">
      {recalls.map((recall) => (
        <Typography key={recall.version} variant="body2">
          {recall.version} was recalled{' '}
          {formatZonedInstant(new Date(recall.at), display.zone, display.locale)} by{' '}
          {recall.by.name}: “{recall.reason}”. {recall.replacedBy} became the current version; sites
          still on {recall.version} count as “no update planned” until updated.
        </Typography>
      ))}
    </Alert>
  );
}

type OpenDialog =
  | { kind: 'site' }
  | { kind: 'all' }
  | { kind: 'rollout' }
  | { kind: 'recall' }
  | { kind: 'cancel'; site: Site }
  | { kind: 'history'; site: Site }
  | { kind: 'hold'; selection: SiteSelection; count: number }
  | { kind: 'release'; selection: SiteSelection; count: number; site?: number }
  | null;

/** One device type's sites with the three actions of the site software update. */
export function SiteTypePage() {
  const deviceType = useParams().deviceType ?? '';
  useDocumentTitle(deviceType, 'Site software update');
  const { params, update, search: onSearch, sortBy, pager } = useListState(SiteListQuery);
  const [display] = useTimeDisplay();
  const list = useQuery(siteQueries.list(deviceType, params));
  const now = useNow(15_000);
  const retry = useUpdateSite(deviceType);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // A backend without staged rollouts (hawkBit, so far) offers none here.
  const served = useServedAreas();
  const rollouts = served.includes('rollouts');
  // Changes of this type waiting for a second person, where the backend has approvals.
  const approvals = served.includes('approvals');
  const [notice, setNotice] = useState<string | null>(null);
  // Sites are checked for holds, where the backend has them.
  const holds = useFeature('holds');
  const recalls = useFeature('recalls');
  // Check boxes come with "Select sites": the table's columns stay as they are until then.
  const [selecting, setSelecting] = useState(false);
  const filter = filterOf(params);
  const { selection, count, onToggle, onTogglePage, selectAll, clear } = useSelection(
    filter,
    (ended) =>
      setNotice(
        `The selection of all ${plural(ended, 'site')} matching the previous filter ended, because the filter changed.`,
      ),
    deviceType,
  );
  const onRelease = useCallback(
    (site: Site) =>
      setDialog({
        kind: 'release',
        selection: { mode: 'numbers', numbers: [site.number] },
        count: 1,
        site: site.number,
      }),
    [],
  );

  const onCancel = useCallback((site: Site) => setDialog({ kind: 'cancel', site }), []);
  const onHistory = useCallback((site: Site) => setDialog({ kind: 'history', site }), []);
  const retrySite = retry.mutate;
  const onRetry = useCallback(
    (site: Site) =>
      retrySite(
        { siteNumber: site.number },
        {
          onSuccess: () => setNotice(`Site ${site.number} is queued for the update again.`),
        },
      ),
    [retrySite],
  );

  const stats = list.data?.stats;
  const total = list.data?.total ?? 0;
  const pageIds = list.data?.items.map((site) => String(site.number)) ?? [];
  const filtered = Object.values(filter).some((value) => value !== undefined);
  // A hold or a release ends the selection it acted on.
  const done = (message: string) => {
    setNotice(message);
    clear();
  };

  return (
    <Stack spacing={2}>
      <PageHeader
        title={`Site software update: ${deviceType}`}
        breadcrumb={
          <ParentBreadcrumb label="Site software update" to="/firmware" current={deviceType} />
        }
      />
      {stats ? <StatsLine stats={stats} /> : null}
      {stats ? (
        <NoUpdateCauses
          stats={stats}
          current={params.cause}
          display={display}
          onClear={() => update({ cause: undefined }, { resetPage: true })}
        />
      ) : null}
      {params.rollout ? (
        <Typography role="note">
          Showing the sites of{' '}
          {params.wave
            ? `wave ${params.wave} of rollout ${params.rollout}`
            : `rollout ${params.rollout}`}
          .{' '}
          <Link
            component="button"
            onClick={() => update({ rollout: undefined, wave: undefined }, { resetPage: true })}
          >
            Show all sites
          </Link>
        </Typography>
      ) : null}
      {list.isError && !list.data ? (
        <QueryErrorAlert query={list} title={`The ${deviceType} sites could not be loaded.`} />
      ) : null}

      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <PermittedButton
          permission="update-sites"
          variant="contained"
          disabled={!stats}
          onClick={() => setDialog({ kind: 'site' })}
        >
          Update using site number…
        </PermittedButton>
        <PermittedButton
          permission="update-sites"
          variant="outlined"
          disabled={!stats}
          onClick={() => setDialog({ kind: 'all' })}
        >
          Update software at all sites
        </PermittedButton>
        {rollouts ? (
          <PermittedButton
            permission="update-sites"
            variant="outlined"
            disabled={!stats}
            onClick={() => setDialog({ kind: 'rollout' })}
          >
            Plan a staged rollout…
          </PermittedButton>
        ) : null}
        {recalls && stats ? (
          <PermittedButton
            permission="recall-versions"
            variant="outlined"
            color="error"
            onClick={() => setDialog({ kind: 'recall' })}
          >
            Recall {stats.currentVersion}…
          </PermittedButton>
        ) : null}
      </Stack>
      {stats?.recalled?.length ? <RecalledNote stats={stats} display={display} /> : null}
      {served.includes('freezes') ? <FrozenBanner deviceType={deviceType} /> : null}
      {approvals ? <WaitingApprovals deviceType={deviceType} /> : null}
      {rollouts ? <RolloutsPanel deviceType={deviceType} display={display} /> : null}
      <MutationError error={retry.error} what="The update was not retried." />

      <FilterBar>
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
            [
              'current',
              'no-update',
              'held',
              'updating',
              'failed',
              ...SiteUpdateState.options,
            ] as const
          ).map((state) => (
            <MenuItem key={state} value={state}>
              {stateFilterLabels[state]}
            </MenuItem>
          ))}
        </TextField>
      </FilterBar>

      {holds ? (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 40 }}
          role="toolbar"
          aria-label="Selected sites"
        >
          <Button
            aria-pressed={selecting}
            onClick={() => {
              if (selecting) clear();
              setSelecting(!selecting);
            }}
          >
            Select sites
          </Button>
          {selecting ? (
            <>
              <Typography sx={{ mx: 1 }} aria-live="polite">
                {count === 0 ? 'No sites selected' : `${plural(count, 'site')} selected`}
              </Typography>
              <PermittedButton
                permission="update-sites"
                variant="outlined"
                disabled={count === 0}
                onClick={() =>
                  setDialog({ kind: 'hold', selection: toSiteSelection(selection), count })
                }
              >
                Hold sites…
              </PermittedButton>
              <PermittedButton
                permission="update-sites"
                disabled={count === 0}
                onClick={() =>
                  setDialog({ kind: 'release', selection: toSiteSelection(selection), count })
                }
              >
                Release holds…
              </PermittedButton>
            </>
          ) : null}
          {count > 0 ? <Button onClick={clear}>Clear selection</Button> : null}
        </Stack>
      ) : null}
      {holds && selecting ? (
        <SelectionBanner
          selection={selection}
          pageIds={pageIds}
          total={total}
          noun="site"
          filtered={filtered}
          onSelectAll={selectAll}
          onClear={clear}
        />
      ) : null}

      {list.isError && !list.data ? null : (
        <SiteTable
          deviceType={deviceType}
          sites={list.data?.items}
          currentVersion={stats?.currentVersion ?? ''}
          recalled={stats?.recalled?.map((recall) => recall.version)}
          sort={params.sort}
          order={params.order}
          onSort={sortBy}
          paging={pager(total)}
          busy={list.isFetching && list.isPlaceholderData}
          now={now}
          retrying={retry.isPending}
          onCancel={onCancel}
          onRetry={onRetry}
          onHistory={onHistory}
          checks={
            holds && selecting
              ? { selection, onToggle, onTogglePage: () => onTogglePage(pageIds) }
              : undefined
          }
          onRelease={holds ? onRelease : undefined}
          empty={
            params.q || params.state || params.cause || params.rollout
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
      {dialog?.kind === 'rollout' ? (
        <Suspense fallback={null}>
          <PlanRolloutDialog
            deviceType={deviceType}
            filter={{ q: params.q, state: params.state, cause: params.cause }}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'recall' ? (
        <Suspense fallback={null}>
          <RecallDialog
            deviceType={deviceType}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'history' ? (
        <Suspense fallback={null}>
          <HistoryDialog
            resource={`site:${deviceType}:${dialog.site.number}`}
            name={`${deviceType} site ${dialog.site.number}`}
            onClose={() => setDialog(null)}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelUpdateDialog site={dialog.site} onClose={() => setDialog(null)} onDone={setNotice} />
      ) : null}
      {dialog?.kind === 'hold' ? (
        <Suspense fallback={null}>
          <HoldSitesDialog
            deviceType={deviceType}
            selection={dialog.selection}
            count={dialog.count}
            onClose={() => setDialog(null)}
            onDone={done}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'release' ? (
        <Suspense fallback={null}>
          <ReleaseHoldsDialog
            deviceType={deviceType}
            selection={dialog.selection}
            count={dialog.count}
            site={dialog.site}
            onClose={() => setDialog(null)}
            onDone={dialog.site === undefined ? done : setNotice}
          />
        </Suspense>
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
