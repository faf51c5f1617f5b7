import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import type { CSSProperties } from 'react';
import type { Device } from '@/api/devices';
import { formatDate } from '@/lib/format';

// Row cells use plain elements with static styles: a page of 100 rows re-renders without
// computing hundreds of `sx` style objects. Colours come from the theme's CSS variables.
const inline: CSSProperties = { display: 'inline-flex', alignItems: 'center', gap: 6 };
const secondary: CSSProperties = {
  color: 'var(--mui-palette-text-secondary)',
  fontSize: '0.8125rem',
};
const dot = (colour: string, round: boolean): CSSProperties => ({
  display: 'inline-block',
  width: 8,
  height: 8,
  borderRadius: round ? '50%' : 0,
  background: colour,
});
const runningDot = dot('var(--mui-palette-success-main)', true);
const stoppedDot = dot('var(--mui-palette-text-secondary)', false);

export function StatusCell({ status }: { status: Device['status'] }) {
  const reachable = status === 'reachable';
  return (
    <span style={inline}>
      {reachable ? (
        <CheckCircleIcon fontSize="small" color="success" aria-hidden />
      ) : (
        <ErrorIcon fontSize="small" color="error" aria-hidden />
      )}
      <span>{reachable ? 'Reachable' : 'Unreachable'}</span>
    </span>
  );
}

export function ModelCell({ device }: { device: Device }) {
  return (
    <div>
      <div>{device.model}</div>
      {device.name ? <div style={secondary}>{device.name}</div> : null}
    </div>
  );
}

export function WarrantyCell({ warranty }: { warranty: Device['warranty'] }) {
  if (warranty.status === 'unknown' || !warranty.expiresOn) return <span>Unknown</span>;
  const date = formatDate(warranty.expiresOn);
  return <span>{warranty.status === 'active' ? `Until ${date}` : `Expired ${date}`}</span>;
}

/** Running and stopped apps, and where the seamless system-app updates stand. */
export function AppsCell({
  apps,
  systemApps,
}: {
  apps: Device['apps'];
  systemApps: Device['systemApps'];
}) {
  return (
    <div>
      <AppCounts apps={apps} />
      <div style={secondary}>
        {systemApps.pending
          ? 'System app update pending'
          : systemApps.updatedAt
            ? `System apps updated ${formatDate(systemApps.updatedAt.slice(0, 10))}`
            : null}
      </div>
    </div>
  );
}

function AppCounts({ apps }: { apps: Device['apps'] }) {
  const label = `${apps.running} running, ${apps.stopped} stopped`;
  return (
    <span style={{ ...inline, gap: 12 }} aria-label={label} role="img">
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
