import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { useTimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { approvalQueries } from '@/queries/approvals';

/** On a device type's page: its changes waiting for approval, and where to decide them. */
export function WaitingApprovals({ deviceType }: { deviceType: string }) {
  const [display] = useTimeDisplay();
  const waiting = useQuery(approvalQueries.list({ deviceType, status: 'waiting' }));
  const items = waiting.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert severity="info" role="note" aria-label="Waiting for approval">
      {items.map((approval) => (
        <div key={approval.id}>
          Waiting for approval: {approval.title}, asked by {approval.requestedBy.name}; stands until{' '}
          {formatZonedInstant(new Date(approval.expiresAt), display.zone, display.locale)}.
        </div>
      ))}
      <Link component={RouterLink} to="/approvals">
        Open Approvals
      </Link>
    </Alert>
  );
}
