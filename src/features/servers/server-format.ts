import type { ServerSummary, SyncState } from '@/api/servers';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  idle: 'Idle',
  downloading: 'Downloading',
  staged: 'Staged',
  restarting: 'Restarting',
  failed: 'Failed',
};

/** "Succeeded November 9, 2024, 6:03 AM UTC" (in the operator's zone), or "None yet". */
export function lastResultText(
  server: Pick<ServerSummary, 'lastResult'>,
  display: Pick<TimeDisplay, 'zone' | 'locale'>,
): string {
  const result = server.lastResult;
  if (!result) return 'None yet';
  const outcome = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' }[
    result.outcome
  ];
  return `${outcome} ${formatZonedInstant(new Date(result.at), display.zone, display.locale)}`;
}
