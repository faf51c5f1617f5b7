import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { NO_UPDATE_CAUSE_LABELS, type DeviceTypeStats, type NoUpdateCause } from '@/api/sites';
import { plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedDate } from '@/lib/zoned-format';

/** "Not connected, the longest since November 3, 2026". */
function causeText(entry: DeviceTypeStats['noUpdateCauses'][number], display: TimeDisplay): string {
  const label = NO_UPDATE_CAUSE_LABELS[entry.cause];
  return entry.cause === 'not-connected' && entry.since
    ? `${label}, the longest since ${formatZonedDate(new Date(entry.since), display.zone, display.locale)}`
    : label;
}

/**
 * Why the red sites have no update planned, cause by cause, each a link that lists those
 * sites (`?cause=`), so an operator can act on the red count instead of reading it.
 */
export function NoUpdateCauses({
  stats,
  current,
  display,
  onClear,
}: {
  stats: DeviceTypeStats;
  /** The cause the list shows now, if any. */
  current: NoUpdateCause | undefined;
  display: TimeDisplay;
  onClear: () => void;
}) {
  if (stats.noUpdateCauses.length === 0) return null;
  return (
    <Box
      component="nav"
      aria-label="No update planned, by cause"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 2, rowGap: 0.5 }}
    >
      <Typography component="span" color="text.secondary">
        No update planned:
      </Typography>
      {stats.noUpdateCauses.map((entry) => (
        <Link
          key={entry.cause}
          component={RouterLink}
          to={`?cause=${entry.cause}`}
          aria-current={current === entry.cause ? 'true' : undefined}
          sx={current === entry.cause ? { fontWeight: 700 } : undefined}
        >
          {causeText(entry, display)}: {plural(entry.count, 'site')}
        </Link>
      ))}
      {current ? (
        <Button size="small" onClick={onClear}>
          Show all sites
        </Button>
      ) : null}
    </Box>
  );
}
