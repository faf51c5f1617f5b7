import type { ServerSummary, SyncState } from '@/api/servers';
import { formatZonedInstant } from '@/features/scheduling/public';

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  idle: 'Idle',
  downloading: 'Downloading',
  staged: 'Staged',
  restarting: 'Restarting',
  failed: 'Failed',
};

/** "Succeeded November 9, 2024, 6:03 AM UTC", or "Never upgraded from the portal". */
export function lastResultText(server: Pick<ServerSummary, 'lastResult'>): string {
  const result = server.lastResult;
  if (!result) return 'None yet';
  const outcome = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' }[
    result.outcome
  ];
  return `${outcome} ${formatZonedInstant(new Date(result.at), 'UTC')}`;
}
