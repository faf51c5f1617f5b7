import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import {
  DeviceListQuery,
  type Device,
  type DeviceFilter,
  type DeviceSelection,
} from '@/api/devices';
import { DensityToggle } from '@/components/density';
import { deviceLabel } from '@/domain/device-label';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { FilterBar } from '@/components/FilterBar';
import { PageHeader } from '@/components/PageHeader';
import { PermittedButton } from '@/components/PermittedButton';
import { SearchBox } from '@/components/SearchBox';
import { HistoryDialog } from '@/features/activity/public';
import { SchedulingDialog } from '@/features/scheduling/public';
import { plural } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { MAX_ID_FILTER } from '@/api/devices';
import { deviceQueries } from '@/queries/devices';
import { DeviceFilters } from './DeviceFilters';
import { DeviceTable } from './DeviceTable';
import { useHiddenColumns } from './columns';
import { ExportButton } from './ExportButton';
import { useListState } from '@/components/data-table/use-list-state';
import { SelectionBanner } from '@/components/data-table/SelectionBanner';
import { toBulkSelection } from '@/components/data-table/selection';
import { useSelection } from '@/components/data-table/use-selection';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay } from '@/lib/time-display';
import { MenuButton } from '@/components/MenuButton';

// Dialogs and menus load when first opened, keeping the first page light.
const ColumnsMenu = lazy(() => import('./ColumnsMenu'));
const ManualUpdateDialog = lazy(() =>
  import('./ManualUpdateDialog').then((module) => ({ default: module.ManualUpdateDialog })),
);

function filterOf(params: DeviceListQuery): DeviceFilter {
  const { q, status, model, updateAvailable, schedule, onboarded } = params;
  return { q, status, model, updateAvailable, schedule, onboarded };
}

/** The open dialog; an update dialog carries what it is for, fixed when it opened. */
type OpenDialog =
  | { kind: 'scheduling' }
  | { kind: 'update'; title: string; selection: DeviceSelection }
  | { kind: 'history'; device: Device }
  | null;

export function DevicesPage() {
  const { params, update, search: onSearch, sortBy: onSort, pager } = useListState(DeviceListQuery);
  const [onlySelected, setOnlySelected] = useState(false);
  const [searchPending, setSearchPending] = useState(false);
  const now = useNow();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [display] = useTimeDisplay();
  const [hiddenColumns, setHiddenColumns] = useHiddenColumns();
  useDocumentTitle('Devices');

  const filter = filterOf(params);
  const { selection, count, onToggle, onTogglePage, selectAll, clear } = useSelection(
    filter,
    (ended) =>
      setNotice(
        `The selection of all ${plural(ended, 'device')} matching the previous filter ended, because the filter changed.`,
      ),
  );
  // "Show only selected" lists the checked devices (within the search and filters).
  const showingSelected =
    onlySelected &&
    selection.mode === 'ids' &&
    selection.ids.size > 0 &&
    selection.ids.size <= MAX_ID_FILTER;
  const list = useQuery(
    deviceQueries.list(showingSelected ? { ...params, id: [...selection.ids].sort() } : params),
  );

  const items = list.data?.items ?? [];
  const pageIds = items.map((device) => device.id);
  const total = list.data?.total ?? 0;
  const filtered = Object.values(filter).some((value) => value !== undefined);
  const onUpgrade = useCallback(
    (device: Device) =>
      setDialog({
        kind: 'update',
        title: `Upgrade device software: ${deviceLabel(device)}`,
        selection: { mode: 'ids', ids: [device.id] },
      }),
    [setDialog],
  );
  const onHistory = useCallback((device: Device) => setDialog({ kind: 'history', device }), []);

  return (
    <Stack spacing={1.5}>
      <PageHeader
        title="Devices"
        aside={
          list.data ? (
            <Typography color="text.secondary" aria-live="polite">
              {plural(total, 'device')}
              {filtered ? ' match' : ''}
            </Typography>
          ) : null
        }
      />

      <FilterBar>
        <SearchBox
          value={params.q ?? ''}
          onSearch={onSearch}
          label="Search devices"
          help="Name, model, IP, MAC/serial or version"
          onPendingChange={setSearchPending}
        />
        <DeviceFilters params={params} onChange={(change) => update(change, { resetPage: true })} />
      </FilterBar>

      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 40 }}
        role="toolbar"
        aria-label="Selected devices"
      >
        <Typography sx={{ mr: 1 }} aria-live="polite">
          {count === 0 ? 'No devices selected' : `${plural(count, 'device')} selected`}
        </Typography>
        <PermittedButton
          permission="change-schedules"
          variant="contained"
          disabled={count === 0}
          onClick={() => setDialog({ kind: 'scheduling' })}
        >
          Software scheduling
        </PermittedButton>
        <PermittedButton
          permission="update-devices"
          variant="outlined"
          disabled={count === 0}
          onClick={() =>
            setDialog({
              kind: 'update',
              title: `Manual update (${plural(count, 'device')})`,
              selection: toBulkSelection(selection),
            })
          }
        >
          Manual update
        </PermittedButton>
        {selection.mode === 'ids' && count > 0 ? (
          <Button
            aria-pressed={showingSelected}
            disabled={count > MAX_ID_FILTER}
            title={
              count > MAX_ID_FILTER
                ? `Show only selected works for up to ${MAX_ID_FILTER} devices.`
                : undefined
            }
            onClick={() => {
              setOnlySelected(!showingSelected);
              if (params.page !== 1) update({ page: 1 });
            }}
          >
            Show only selected
          </Button>
        ) : null}
        {count > 0 ? (
          <Button
            onClick={() => {
              clear();
              setOnlySelected(false);
            }}
          >
            Clear selection
          </Button>
        ) : null}
        <Box sx={{ ml: 'auto', display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <ExportButton params={params} />
          <MenuButton
            size="small"
            startIcon={<ViewColumnIcon />}
            menu={(menu) => (
              <ColumnsMenu {...menu} hidden={hiddenColumns} onChange={setHiddenColumns} />
            )}
          >
            Columns
          </MenuButton>
          <DensityToggle />
        </Box>
      </Stack>

      <SelectionBanner
        selection={selection}
        pageIds={pageIds}
        total={total}
        noun="device"
        filtered={filtered}
        onSelectAll={selectAll}
        onClear={clear}
      />

      {list.isError && !list.data ? (
        <QueryErrorAlert query={list} title="The device list could not be loaded" />
      ) : null}

      {list.isError && !list.data ? null : (
        <DeviceTable
          devices={list.data ? items : undefined}
          sort={params.sort}
          order={params.order}
          onSort={onSort}
          paging={pager(total)}
          busy={list.isPlaceholderData || searchPending}
          now={now}
          display={display}
          selection={selection}
          onToggle={onToggle}
          onTogglePage={() => onTogglePage(pageIds)}
          onUpgrade={onUpgrade}
          onHistory={onHistory}
          hidden={hiddenColumns}
          empty={
            filtered
              ? 'No devices match this search and filters. Change or clear them to see more.'
              : 'There are no devices in this fleet yet.'
          }
          notice={
            list.isError ? (
              <QueryErrorAlert
                query={list}
                title="The list could not be refreshed; it shows the last answer"
              />
            ) : null
          }
        />
      )}

      <Suspense fallback={null}>
        {dialog?.kind === 'scheduling' ? (
          <SchedulingDialog
            open
            selection={toBulkSelection(selection)}
            count={count}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        ) : null}
        {dialog?.kind === 'history' ? (
          <HistoryDialog
            resource={`device:${dialog.device.id}`}
            name={deviceLabel(dialog.device)}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'update' ? (
          <ManualUpdateDialog
            open
            title={dialog.title}
            selection={dialog.selection}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        ) : null}
      </Suspense>
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
