import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import type { CSSProperties } from 'react';
import { DEVICE_STATUS_LABELS, type Device } from '@/api/devices';
import { formatDate } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedDay, formatZonedInstant } from '@/lib/zoned-format';

// Row cells use plain elements with static styles: a page of 100 rows re-renders without
// computing hundreds of `sx` style objects. Colours come from the theme's CSS variables.
const inline: CSSProperties = { display: 'inline-flex', alignItems: 'center', gap: 6 };
const dot = (colour: string, round: boolean): CSSProperties => ({
  display: 'inline-block',
  width: 8,
  height: 8,
  borderRadius: round ? '50%' : 0,
  background: colour,
});
const runningDot = dot('var(--mui-palette-success-main)', true);
const stoppedDot = dot('var(--mui-palette-text-secondary)', false);

// One element each for every row: React skips what it has already rendered.
const reachableIcon = <CheckCircleIcon fontSize="small" color="success" aria-hidden />;
const unreachableIcon = <ErrorIcon fontSize="small" color="error" aria-hidden />;

export function StatusCell({ status }: { status: Device['status'] }) {
  return (
    <span style={inline}>
      {status === 'reachable' ? reachableIcon : unreachableIcon}
      <span>{DEVICE_STATUS_LABELS[status]}</span>
    </span>
  );
}

/** The model, and the operator's name for the device on a second line (standard density). */
export function ModelCell({ device }: { device: Device }) {
  const full = device.name ? `${device.model}, ${device.name}` : device.model;
  return (
    <div title={full}>
      <span className="truncate">{device.model}</span>
      {device.name ? <span className="secondary-line truncate">{device.name}</span> : null}
    </div>
  );
}

/** Until when the warranty runs; an expired one says so first, its date below. */
export function WarrantyCell({
  warranty,
  locale,
}: {
  warranty: Device['warranty'];
  locale: string;
}) {
  if (warranty.status === 'unknown' || !warranty.expiresOn) return <span>Unknown</span>;
  const date = formatDate(warranty.expiresOn, locale);
  if (warranty.status === 'active')
    return <span title={`Under warranty until ${date}`}>{date}</span>;
  return (
    <div title={`Warranty expired ${date}`}>
      <span>Expired</span>
      <span className="secondary-line">{date}</span>
    </div>
  );
}

/** Running and stopped apps, and where the seamless system-app updates stand. */
export function AppsCell({
  apps,
  systemApps,
  display,
}: {
  apps: Device['apps'];
  systemApps: Device['systemApps'];
  display: TimeDisplay;
}) {
  const updated = systemApps.updatedAt ? new Date(systemApps.updatedAt) : null;
  const [full, short] = systemApps.pending
    ? ['System app update pending', 'System apps pending']
    : updated
      ? [
          `System apps updated ${formatZonedInstant(updated, display.zone, display.locale)}`,
          `System apps ${formatZonedDay(updated, display.zone, display.locale)}`,
        ]
      : [null, null];
  return (
    <div title={full ?? undefined}>
      <AppCounts apps={apps} />
      {short ? <span className="secondary-line">{short}</span> : null}
    </div>
  );
}

function AppCounts({ apps }: { apps: Device['apps'] }) {
  const label = `${apps.running} running, ${apps.stopped} stopped`;
  return (
    <span style={{ ...inline, gap: 12, lineHeight: '20px' }} aria-label={label} role="img">
      <span style={inline}>
        <span style={runningDot} />
        {apps.running}
      </span>
      {apps.stopped > 0 ? (
        <span style={inline}>
          <span style={stoppedDot} />
          {apps.stopped}
        </span>
      ) : null}
    </span>
  );
}
