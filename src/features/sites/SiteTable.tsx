import HistoryIcon from '@mui/icons-material/History';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import { LightTooltip } from '@/components/LightTooltip';
import { PermittedButton } from '@/components/PermittedButton';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useMemo, type ReactNode } from 'react';
import type { SortOrder } from '@/api/registry';
import { CHANNEL_LABELS, type Site, type SiteSortField } from '@/api/sites';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import {
  selectColumn,
  selectStyles,
  type SelectionMeta,
} from '@/components/data-table/select-column';
import { isSelected, pageState, type Selection } from '@/components/data-table/selection';
import type { TablePagerProps } from '@/components/TablePager';
import { sortableBy, useUnsortable } from '@/queries/session';
import {
  formatBytes,
  formatDuration,
  holdText,
  partitionsText,
  siteStateText,
} from './site-format';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { Swatch, type StatsGroup } from './StackedBar';

/** What the site cells read from the table: changes here re-render every row. */
interface SiteTableMeta extends SelectionMeta {
  now: Date;
  display: TimeDisplay;
  currentVersion: string;
  retrying: boolean;
  onCancel: (site: Site) => void;
  onRetry: (site: Site) => void;
  onHistory: (site: Site) => void;
  /** "Release hold" of a held site; absent where the backend has no holds. */
  onRelease?: (site: Site) => void;
}

function metaOf(table: { options: { meta?: unknown } }): SiteTableMeta {
  return table.options.meta as SiteTableMeta;
}

function groupOf(site: Site, currentVersion: string): StatsGroup {
  if (site.update) return 'updating';
  if (site.version === currentVersion) return 'onCurrentVersion';
  return site.hold ? 'held' : 'noUpdatePlanned';
}

function DownloadCell({ site }: { site: Site }) {
  const download = site.update?.download;
  if (!download) return null;
  const text = `${formatBytes(download.bytes)} of ${formatBytes(download.totalBytes)}, part ${download.parts} of ${download.totalParts}`;
  return (
    <div style={{ minWidth: 76 }} title={text}>
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

const siteCheck = selectColumn<Site>(
  (site) => `Select site ${site.number}`,
  'Select all sites on this page',
);

/**
 * The site columns (with check boxes where sites can be selected); the state's words depend
 * on the type's current version.
 */
function siteColumns(
  currentVersion: string,
  selectable: boolean,
  recalled: ReadonlySet<string>,
): DataColumn<Site>[] {
  return [
    ...(selectable ? [siteCheck] : []),
    {
      id: 'number',
      header: 'Site number',
      accessorFn: (site) => site.number,
      meta: { pin: selectable ? 40 : 0, pinEdge: true },
    },
    {
      id: 'version',
      header: 'Version',
      accessorFn: (site) => site.version,
      cell: ({ row }) => (
        <>
          {row.original.version}
          {recalled.has(row.original.version) ? (
            // Under the version, so that the column stays as narrow as a version.
            <Typography
              variant="caption"
              color="text.secondary"
              component="span"
              sx={{ display: 'block', lineHeight: 1.3 }}
            >
              {' (recalled)'}
            </Typography>
          ) : null}
        </>
      ),
    },
    { id: 'channel', header: 'Channel', accessorFn: (site) => CHANNEL_LABELS[site.channel] },
    {
      id: 'connection',
      header: 'Connection',
      accessorFn: (site) => (site.connected ? 'Connected' : 'Not connected'),
    },
    {
      id: 'partitions',
      header: 'Partitions',
      enableSorting: false,
      accessorFn: (site) => partitionsText(site.partitions),
    },
    {
      id: 'state',
      header: 'Update state',
      accessorFn: (site) => siteStateText(site, currentVersion),
      meta: { truncate: 172 },
      cell: ({ row, getValue, table }) => {
        const { hold } = row.original;
        const { display } = metaOf(table);
        return (
          <>
            <Swatch group={groupOf(row.original, currentVersion)} />
            {getValue<string>()}
            {hold ? (
              // "Held until …: reason", under the state, whatever the state (a hold outlasts a version).
              <Typography
                variant="caption"
                color="text.secondary"
                component="span"
                // The reason is what matters: it wraps in the column rather than being cut.
                sx={{ display: 'block', whiteSpace: 'normal', lineHeight: 1.3 }}
                title={holdText(hold, display.zone, display.locale)}
              >
                {holdText(hold, display.zone, display.locale)}
              </Typography>
            ) : null}
          </>
        );
      },
    },
    {
      id: 'download',
      header: 'Download',
      enableSorting: false,
      cell: ({ row }) => <DownloadCell site={row.original} />,
    },
    {
      id: 'timeInState',
      header: 'Time in state',
      accessorFn: (site) => site.update?.since,
      cell: ({ row, table }) =>
        row.original.update
          ? formatDuration(metaOf(table).now.getTime() - Date.parse(row.original.update.since))
          : null,
    },
    {
      id: 'lastFailure',
      header: 'Last failure',
      enableSorting: false,
      accessorFn: (site) => site.lastFailure?.reason,
      meta: { truncate: 72 },
    },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      cell: ({ row, table }): ReactNode => {
        const site = row.original;
        const meta = metaOf(table);
        return (
          <Stack
            direction="row"
            spacing={0.5}
            useFlexGap
            sx={{ flexWrap: 'nowrap', alignItems: 'center' }}
          >
            <LightTooltip title="History">
              <IconButton
                size="small"
                onClick={() => meta.onHistory(site)}
                aria-label={`History: site ${site.number}`}
              >
                <HistoryIcon fontSize="small" />
              </IconButton>
            </LightTooltip>
            <SiteAction site={site} meta={meta} />
          </Stack>
        );
      },
    },
  ];
}

/**
 * What an operator can do with a site now: cancel its update, release its hold, or retry a
 * failed update.
 */
function SiteAction({ site, meta }: { site: Site; meta: SiteTableMeta }) {
  const { onRelease } = meta;
  if (site.hold && onRelease && !site.update) {
    return (
      <PermittedButton
        permission="update-sites"
        size="small"
        onClick={() => onRelease(site)}
        aria-label={`Release hold: site ${site.number}`}
      >
        Release hold…
      </PermittedButton>
    );
  }
  if (site.update) {
    return (
      <PermittedButton
        permission="cancel-site-updates"
        size="small"
        onClick={() => meta.onCancel(site)}
      >
        Cancel update…
      </PermittedButton>
    );
  }
  if (site.lastFailure && groupOf(site, meta.currentVersion) === 'noUpdatePlanned') {
    return (
      <PermittedButton
        permission="update-sites"
        size="small"
        disabled={meta.retrying}
        onClick={() => meta.onRetry(site)}
      >
        Retry update
      </PermittedButton>
    );
  }
  return null;
}

interface SiteTableProps {
  deviceType: string;
  /** The page's sites; `undefined` while the first page loads. */
  sites: Site[] | undefined;
  currentVersion: string;
  /** The type's recalled versions: marked so wherever a site runs one. */
  recalled?: readonly string[];
  sort: SiteSortField;
  order: SortOrder;
  onSort: (field: SiteSortField) => void;
  paging: TablePagerProps;
  busy: boolean;
  now: Date;
  retrying: boolean;
  onCancel: (site: Site) => void;
  onRetry: (site: Site) => void;
  onHistory: (site: Site) => void;
  /** Sites can be checked for a bulk action (holds): what is checked, and the boxes' events. */
  checks?: {
    selection: Selection<unknown>;
    onToggle: (id: string) => void;
    onTogglePage: () => void;
  };
  onRelease?: (site: Site) => void;
  empty: ReactNode;
}

const siteId = (site: Site) => String(site.number);
const ignore = () => undefined;

/** One device type's sites, sorted and paged by the server. */
export function SiteTable({
  deviceType,
  sites,
  currentVersion,
  recalled,
  sort,
  order,
  onSort,
  paging,
  busy,
  now,
  retrying,
  onCancel,
  onRetry,
  onHistory,
  checks,
  onRelease,
  empty,
}: SiteTableProps) {
  const unsortable = useUnsortable('sites');
  const selectable = checks !== undefined;
  const recalledKey = recalled?.join(' ') ?? '';
  const columns = useMemo(
    () =>
      sortableBy(
        siteColumns(currentVersion, selectable, new Set(recalledKey.split(' '))),
        unsortable,
      ),
    [currentVersion, selectable, unsortable, recalledKey],
  );
  const [display] = useTimeDisplay();
  const ids = sites?.map(siteId) ?? [];
  const pageSelection = checks ? pageState(checks.selection, ids) : 'none';
  const selected = checks
    ? Object.fromEntries(
        ids.filter((id) => isSelected(checks.selection, id)).map((id) => [id, true] as const),
      )
    : undefined;
  const onToggle = checks?.onToggle ?? ignore;
  const onTogglePage = checks?.onTogglePage ?? ignore;
  const meta = useMemo<SiteTableMeta>(
    () => ({
      now,
      display,
      currentVersion,
      retrying,
      onCancel,
      onRetry,
      onHistory,
      onRelease,
      pageSelection,
      onToggle,
      onTogglePage,
    }),
    [
      now,
      display,
      currentVersion,
      retrying,
      onCancel,
      onRetry,
      onHistory,
      onRelease,
      pageSelection,
      onToggle,
      onTogglePage,
    ],
  );
  return (
    <DataTable
      label={`${deviceType} sites`}
      loadingLabel={`Loading ${deviceType} sites`}
      columns={columns}
      rows={sites}
      getRowId={siteId}
      sort={{ id: sort, desc: order === 'desc', onSort }}
      paging={paging}
      busy={busy}
      selected={selected}
      empty={empty}
      meta={meta}
      styles={selectable ? selectStyles : undefined}
    />
  );
}
