import Typography from '@mui/material/Typography';
import { ACTIVITY_KIND_LABELS, type ActivityEntry } from '@/api/activity';
import { ROLE_LABELS } from '@/api/permissions';
import type { DataColumn } from '@/components/data-table/DataTable';
import type { TimeDisplay } from '@/lib/time-display';
import {
  formatZonedDate,
  formatZonedInstant,
  formatZonedTime,
  zoneAbbreviation,
  zoneLabel,
} from '@/lib/zoned-format';

/** "Accepted: Queued 5 sites…" or "Refused: Your role, Viewer, cannot update sites…". */
export function ResultCell({ entry }: { entry: ActivityEntry }) {
  const { result } = entry;
  return result.status === 'accepted' ? (
    <>
      <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
        Accepted
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {result.text}
      </Typography>
    </>
  ) : (
    <>
      <Typography variant="body2" component="span" color="error" sx={{ fontWeight: 600 }}>
        Refused ({result.code})
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {result.message}
      </Typography>
    </>
  );
}

/** The columns every activity table shows: the Activity screen, and each History. */
export function activityColumns(display: TimeDisplay): DataColumn<ActivityEntry>[] {
  // Newest first, as the server pages them: no column re-sorts a page.
  const columns: DataColumn<ActivityEntry>[] = [
    {
      id: 'at',
      header: 'Time',
      accessorFn: (entry) => formatZonedInstant(new Date(entry.at), display.zone, display.locale),
      // The time, then the date below it: a narrow pinned column on a phone.
      cell: ({ row }) => {
        const at = new Date(row.original.at);
        return (
          <>
            {formatZonedTime(at, display.zone, display.locale)}{' '}
            {zoneLabel(zoneAbbreviation(at, display.zone, display.locale), display.zone)}
            <Typography variant="body2" color="text.secondary">
              {formatZonedDate(at, display.zone, display.locale)}
            </Typography>
          </>
        );
      },
      meta: { pin: 0, pinEdge: true },
    },
    {
      id: 'operator',
      header: 'Operator',
      accessorFn: (entry) => entry.operator.name,
      cell: ({ row }) => (
        <>
          {row.original.operator.name}
          <Typography variant="body2" color="text.secondary">
            {ROLE_LABELS[row.original.role]}
          </Typography>
        </>
      ),
    },
    { id: 'kind', header: 'Change', accessorFn: (entry) => ACTIVITY_KIND_LABELS[entry.kind] },
    {
      id: 'summary',
      header: 'What',
      accessorFn: (entry) => entry.summary,
      meta: { className: 'wraps' },
    },
    {
      id: 'scope',
      header: 'Applies to',
      accessorFn: (entry) => entry.scope.text,
      meta: { className: 'wraps' },
    },
    {
      id: 'result',
      header: 'Result',
      accessorFn: (entry) => entry.result.status,
      cell: ({ row }) => <ResultCell entry={row.original} />,
      meta: { className: 'wraps' },
    },
  ];
  return columns.map((column) => ({ ...column, enableSorting: false }));
}

export const entryId = (entry: ActivityEntry) => entry.id;
