import HistoryIcon from '@mui/icons-material/History';
import UpgradeIcon from '@mui/icons-material/Upgrade';
import type { Theme } from '@mui/material/styles';
import { useId, useMemo, type ReactNode } from 'react';
import type { Device, DeviceFilter, DeviceSortField, SortOrder } from '@/api/devices';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import {
  selectColumn,
  selectStyles,
  type SelectionMeta,
} from '@/components/data-table/select-column';
import { isSelected, pageState, type Selection } from '@/components/data-table/selection';
import type { TablePagerProps } from '@/components/TablePager';
import { deviceLabel } from '@/domain/device-label';
import { LightTooltip } from '@/components/LightTooltip';
import { visuallyHidden } from '@/lib/visually-hidden';
import { sortableBy, usePermission, useUnsortable } from '@/queries/session';
import type { TimeDisplay } from '@/lib/time-display';
import type { HideableColumn } from './columns';
import { AppsCell, ModelCell, StatusCell, WarrantyCell } from './DeviceCells';
import { SoftwareStatus } from './SoftwareStatus';

/** What the device cells read from the table: changes here re-render every row. */
interface DeviceTableMeta extends SelectionMeta {
  now: Date;
  display: TimeDisplay;
  onUpgrade: (device: Device) => void;
  onHistory: (device: Device) => void;
}

function metaOf(table: { options: { meta?: unknown } }): DeviceTableMeta {
  return table.options.meta as DeviceTableMeta;
}

/** The check box column, the data columns (each sorted by the server), and the actions. */
// One element for every row: React skips what it has already rendered (a page re-renders
// every row when it is sorted).
const historyIcon = <HistoryIcon fontSize="small" />;

const columns: DataColumn<Device>[] = [
  selectColumn((device) => `Select ${deviceLabel(device)}`, 'Select all devices on this page'),
  {
    id: 'model',
    header: 'Model',
    accessorFn: (device) => device.model,
    meta: { pin: 40, pinEdge: true },
    cell: ({ row }) => <ModelCell device={row.original} />,
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (device) => device.status,
    cell: ({ row }) => <StatusCell status={row.original.status} />,
  },
  { id: 'ip', header: 'IP', accessorFn: (device) => device.ip },
  { id: 'serial', header: 'MAC/Serial', accessorFn: (device) => device.serial },
  {
    id: 'version',
    header: 'AXIS OS',
    accessorFn: (device) => device.software.version,
    cell: ({ row, table }) => (
      <SoftwareStatus
        device={row.original}
        now={metaOf(table).now}
        display={metaOf(table).display}
      />
    ),
  },
  {
    id: 'warranty',
    header: 'Warranty',
    accessorFn: (device) => device.warranty,
    cell: ({ row, table }) => (
      <WarrantyCell warranty={row.original.warranty} locale={metaOf(table).display.locale} />
    ),
  },
  {
    id: 'apps',
    header: 'Apps',
    accessorFn: (device) => device.apps.running,
    cell: ({ row, table }) => (
      <AppsCell
        apps={row.original.apps}
        systemApps={row.original.systemApps}
        display={metaOf(table).display}
      />
    ),
  },
  {
    id: 'actions',
    header: 'Actions',
    enableSorting: false,
    cell: ({ row, table }): ReactNode => {
      const device = row.original;
      const meta = metaOf(table);
      return (
        <span className="actions">
          <LightTooltip title="History">
            <button
              type="button"
              className="icon-button"
              onClick={() => meta.onHistory(device)}
              aria-label={`History: ${deviceLabel(device)}`}
            >
              {historyIcon}
            </button>
          </LightTooltip>
          {device.onboarded || device.update.state !== 'available' ? null : (
            <UpgradeButton device={device} onUpgrade={meta.onUpgrade} />
          )}
        </span>
      );
    },
  },
];

/** "Upgrade device software" on one device, or why the operator's role may not. */
function UpgradeButton({
  device,
  onUpgrade,
}: {
  device: Device;
  onUpgrade: (device: Device) => void;
}) {
  const permitted = usePermission('update-devices');
  const reasonId = useId();
  return (
    <>
      <LightTooltip title={permitted.allowed ? 'Upgrade device software' : permitted.reason}>
        <button
          type="button"
          className="icon-button primary"
          onClick={() => {
            if (permitted.allowed) onUpgrade(device);
          }}
          disabled={device.status === 'unreachable'}
          aria-disabled={permitted.allowed ? undefined : true}
          aria-describedby={permitted.allowed ? undefined : reasonId}
          aria-label={`Upgrade device software: ${deviceLabel(device)}`}
        >
          <UpgradeIcon fontSize="small" />
        </button>
      </LightTooltip>
      {permitted.allowed ? null : (
        <span id={reasonId} style={visuallyHidden}>
          {permitted.reason}
        </span>
      )}
    </>
  );
}

/** The device cells' own look: the row check box, icon buttons and chips. */
const deviceStyles = (theme: Theme) => ({
  ...selectStyles(theme),
  // Long names end in an ellipsis; the whole text is in the cell's title.
  '& .truncate': {
    display: 'block',
    maxWidth: 220,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  '& .icon-button': {
    display: 'inline-flex',
    padding: '4px',
    marginLeft: '-4px',
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: theme.vars?.palette.action.active,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.vars?.palette.action.hover },
    '&:disabled': { color: theme.vars?.palette.action.disabled, cursor: 'default' },
  },
  '& .icon-button.primary': { color: theme.vars?.palette.primary.main },
  '& .icon-button[aria-disabled="true"]': {
    color: theme.vars?.palette.action.disabled,
    cursor: 'not-allowed',
  },
  '& .actions': { display: 'inline-flex', gap: '4px', whiteSpace: 'nowrap' },
  '& .chip': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 20,
    padding: '0 6px',
    borderRadius: 10,
    fontSize: '0.75rem',
    whiteSpace: 'nowrap',
  },
  // The darker (or, in dark mode, lighter) shade keeps the text at 4.5:1 against the page.
  '& .chip-info': {
    border: `1px solid ${theme.vars?.palette.info.dark}`,
    color: theme.vars?.palette.info.dark,
    ...theme.applyStyles('dark', {
      borderColor: theme.vars?.palette.info.light,
      color: theme.vars?.palette.info.light,
    }),
  },
  '& .chip-warning': {
    backgroundColor: theme.vars?.palette.warning.main,
    color: theme.vars?.palette.warning.contrastText,
  },
  '& :is(.icon-button, .chip):focus-visible': {
    outline: `2px solid ${theme.vars?.palette.primary.main}`,
    outlineOffset: 1,
  },
});

interface DeviceTableProps {
  /** The page's devices; `undefined` while the first page loads. */
  devices: Device[] | undefined;
  sort: DeviceSortField;
  order: SortOrder;
  onSort: (field: DeviceSortField) => void;
  paging: TablePagerProps;
  busy: boolean;
  now: Date;
  display: TimeDisplay;
  selection: Selection<DeviceFilter>;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
  /** "Upgrade device software" on a device that is not onboarded. */
  onUpgrade: (device: Device) => void;
  /** "History" of one device. */
  onHistory: (device: Device) => void;
  /** Columns the operator hid (see columns.ts). */
  hidden: readonly HideableColumn[];
  empty: ReactNode;
  notice?: ReactNode;
}

const getRowId = (device: Device) => device.id;

/**
 * The device table. Sorting and paging are the server's: the table shows which column is
 * sorted and asks for another order. Selection follows `Selection`, which can mean every
 * device matching the filter; a click re-renders only the rows whose selection changed.
 */
export function DeviceTable({
  devices,
  sort,
  order,
  onSort,
  paging,
  busy,
  now,
  display,
  selection,
  onToggle,
  onTogglePage,
  onUpgrade,
  onHistory,
  hidden,
  empty,
  notice,
}: DeviceTableProps) {
  const ids = devices?.map((device) => device.id) ?? [];
  const pageSelection = pageState(selection, ids);
  const selected = Object.fromEntries(
    ids.filter((id) => isSelected(selection, id)).map((id) => [id, true] as const),
  );
  const meta = useMemo<DeviceTableMeta>(
    () => ({ now, display, pageSelection, onToggle, onTogglePage, onUpgrade, onHistory }),
    [now, display, pageSelection, onToggle, onTogglePage, onUpgrade, onHistory],
  );
  const unsortable = useUnsortable('devices');
  const offered = useMemo(() => sortableBy(columns, unsortable), [unsortable]);
  return (
    <DataTable
      label="Devices"
      loadingLabel="Loading devices"
      columns={offered}
      rows={devices}
      getRowId={getRowId}
      sort={{ id: sort, desc: order === 'desc', onSort }}
      paging={paging}
      hidden={hidden}
      selected={selected}
      busy={busy}
      empty={empty}
      notice={notice}
      meta={meta}
      maxHeight="calc(100vh - 300px)"
      styles={deviceStyles}
    />
  );
}
