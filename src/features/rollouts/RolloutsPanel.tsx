import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { ROLLOUT_STATUS_LABELS, type RolloutSummary } from '@/api/rollouts';
import { formatCount, plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { rolloutQueries } from '@/queries/rollouts';

function summaryText(rollout: RolloutSummary, display: TimeDisplay): string {
  const started = formatZonedInstant(new Date(rollout.startedAt), display.zone, display.locale);
  const failed = rollout.failed > 0 ? `, ${formatCount(rollout.failed)} failed` : '';
  return `${ROLLOUT_STATUS_LABELS[rollout.status]}: ${rollout.wavesStarted} of ${plural(rollout.waves, 'wave')} started, ${formatCount(rollout.installed)} of ${plural(rollout.sites, 'site')} installed${failed} · started ${started}${rollout.startedBy ? ` by ${rollout.startedBy}` : ''}`;
}

/** The type's staged rollouts, newest first, each a link to its page (nothing while none). */
export function RolloutsPanel({
  deviceType,
  display,
}: {
  deviceType: string;
  display: TimeDisplay;
}) {
  const rollouts = useQuery(rolloutQueries.list(deviceType));
  const items = rollouts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack component="nav" aria-label="Staged rollouts" spacing={0.5}>
      <Typography variant="subtitle2" component="h2">
        Staged rollouts
      </Typography>
      {items.slice(0, 5).map((rollout) => (
        <Typography key={rollout.id} variant="body2">
          <Link
            component={RouterLink}
            to={`/firmware/${encodeURIComponent(deviceType)}/rollouts/${rollout.id}`}
          >
            Rollout {rollout.id}
          </Link>{' '}
          {summaryText(rollout, display)}
        </Typography>
      ))}
    </Stack>
  );
}
