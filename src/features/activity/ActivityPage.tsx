import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  ACTIVITY_KIND_LABELS,
  ActivityKind,
  ActivityListQuery,
  activityEndpoints,
} from '@/api/activity';
import { apiDownload } from '@/api/client';
import { DataTable } from '@/components/data-table/DataTable';
import { useListState } from '@/components/data-table/use-list-state';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { ExportCsvButton } from '@/components/ExportCsvButton';
import { FilterBar } from '@/components/FilterBar';
import { FilterSelect } from '@/components/FilterSelect';
import { PageHeader } from '@/components/PageHeader';
import { SearchBox } from '@/components/SearchBox';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay } from '@/lib/time-display';
import { addDays, wallTimeToInstant, zonedParts } from '@/lib/time-zone';
import { activityQueries } from '@/queries/activity';
import { activityColumns, entryId } from './activity-format';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a day (`2024-11-09`) in a zone, as the API's instant; undefined if none. */
function dayStart(day: string, zone: string, after = 0): string | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const start = addDays({ year, month, day: date }, after);
  return new Date(wallTimeToInstant({ ...start, hour: 0, minute: 0 }, zone)).toISOString();
}

/** The day an instant (less `beforeMs`) falls on in a zone, as a date input shows it. */
function dayOf(instant: string | undefined, zone: string, beforeMs = 0): string {
  if (!instant) return '';
  const parts = zonedParts(Date.parse(instant) - beforeMs, zone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** Who changed what, when, to what, with what result: every change, newest first. */
export function ActivityPage() {
  useDocumentTitle('Activity');
  const [display] = useTimeDisplay();
  const { params, update, pager } = useListState(ActivityListQuery);
  const list = useQuery(activityQueries.list(params));
  const operators = useQuery(activityQueries.operators());
  const columns = useMemo(() => activityColumns(display), [display]);
  const filters = {
    operator: params.operator,
    kind: params.kind,
    resource: params.resource,
    from: params.from,
    to: params.to,
  };
  const filtered = Object.values(filters).some((value) => value !== undefined);
  return (
    <Stack spacing={2}>
      <PageHeader
        title="Activity"
        description="Every change asked of the fleet, from this console or its API: who, when, what, to what, and whether the server accepted it."
      />
      <FilterBar>
        <FilterSelect
          label="Operator"
          value={params.operator ?? ''}
          choices={(operators.data?.items ?? []).map((operator) => ({
            value: operator.id,
            label: operator.name,
          }))}
          onChange={(operator) => update({ operator: operator || undefined }, { resetPage: true })}
          width={170}
        />
        <FilterSelect
          label="Change"
          value={params.kind ?? ''}
          choices={ActivityKind.options.map((kind) => ({
            value: kind,
            label: ACTIVITY_KIND_LABELS[kind],
          }))}
          onChange={(kind) =>
            update({ kind: kind ? (kind as ActivityKind) : undefined }, { resetPage: true })
          }
          width={200}
        />
        <SearchBox
          value={params.resource ?? ''}
          onSearch={(resource) =>
            update({ resource: resource.trim() || undefined }, { resetPage: true })
          }
          label="Resource"
          help="e.g. site:Nord GSM:1017"
        />
        <TextField
          type="date"
          size="small"
          label="From"
          value={dayOf(params.from, display.zone)}
          onChange={(event) =>
            update({ from: dayStart(event.target.value, display.zone) }, { resetPage: true })
          }
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          label="To"
          // `to` is the start of the day after the last one shown.
          value={dayOf(params.to, display.zone, 1)}
          onChange={(event) =>
            update({ to: dayStart(event.target.value, display.zone, 1) }, { resetPage: true })
          }
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <ExportCsvButton
          download={() => apiDownload(activityEndpoints.exportCsv, { query: filters })}
          name="activity"
          failed="The activity could not be exported."
        />
      </FilterBar>
      {list.isError && !list.data ? (
        <QueryErrorAlert query={list} title="The activity could not be loaded." />
      ) : (
        <DataTable
          label="Activity"
          loadingLabel="Loading the activity"
          columns={columns}
          rows={list.data?.items}
          getRowId={entryId}
          paging={list.data ? pager(list.data.total) : undefined}
          busy={list.isPlaceholderData}
          empty={
            filtered
              ? 'No change matches these filters.'
              : 'No change has been made yet: schedules, updates and server changes appear here.'
          }
        />
      )}
    </Stack>
  );
}
