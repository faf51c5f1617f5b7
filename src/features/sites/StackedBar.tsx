import Box from '@mui/material/Box';
import type { DeviceTypeStats } from '@/api/sites';

/**
 * Red: old version, no update planned. Blue: old version, held there on purpose. Yellow:
 * updating. Green: on the current version.
 */
export const groupColours = {
  noUpdatePlanned: 'error.main',
  held: 'info.main',
  updating: 'warning.main',
  onCurrentVersion: 'success.main',
} as const;

const groups = [
  ['noUpdatePlanned', 'no update planned'],
  ['held', 'held'],
  ['updating', 'updating'],
  ['onCurrentVersion', 'on current version'],
] as const;

/** "Nord GSM: 6 no update planned, 4 updating, 10 on current version, of 20." */
export function describeStats(stats: DeviceTypeStats): string {
  // Held sites are named only where there are some: most types have none.
  const parts = groups.flatMap(([key, words]) =>
    key === 'held' && !countOf(stats, key) ? [] : [`${countOf(stats, key)} ${words}`],
  );
  return `${stats.deviceType}: ${parts.join(', ')}, of ${stats.devices}`;
}

/** A group's count; a backend without holds gives none held. */
function countOf(stats: DeviceTypeStats, key: (typeof groups)[number][0]): number {
  return stats[key] ?? 0;
}

/** One stacked bar per device type, read at a glance; its text is the same numbers in words. */
export function StackedBar({ stats }: { stats: DeviceTypeStats }) {
  return (
    <Box
      role="img"
      aria-label={describeStats(stats)}
      sx={{
        display: 'flex',
        width: 1,
        minWidth: 160,
        height: 16,
        borderRadius: 1,
        overflow: 'hidden',
        bgcolor: 'action.hover',
      }}
    >
      {stats.devices > 0
        ? groups.map(([key]) =>
            countOf(stats, key) > 0 ? (
              <Box
                key={key}
                sx={{
                  width: `${(countOf(stats, key) / stats.devices) * 100}%`,
                  bgcolor: groupColours[key],
                }}
              />
            ) : null,
          )
        : null}
    </Box>
  );
}

/** A colour key before a count or a column header (decorative: the words carry the meaning). */
/** One of the groups the statistics count sites in. */
export type StatsGroup = keyof typeof groupColours;

export function Swatch({ group }: { group: StatsGroup }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        width: 10,
        height: 10,
        mr: 0.75,
        borderRadius: '2px',
        bgcolor: groupColours[group],
        verticalAlign: 'baseline',
      }}
    />
  );
}
