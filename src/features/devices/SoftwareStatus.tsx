import ScheduleIcon from '@mui/icons-material/Schedule';
import type { Device } from '@/api/devices';
import { LightTooltip } from '@/components/LightTooltip';
import { lazy, Suspense, type CSSProperties } from 'react';
import { describeWindow, formatWindowForOperator } from '@/domain/format-window';
import { nextMaintenanceWindow, type MaintenanceSchedule } from '@/domain/maintenance-window';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';

/**
 * What change freezes change in the tooltips (see FreezeTooltips): the next window outside
 * them, and the freeze in force now, in words. Absent until that module has loaded.
 */
export interface FreezeWords {
  nextWindow(schedule: MaintenanceSchedule): string;
  /** "Change freeze “…”: nothing installs until …." (null: none in force). */
  inForce: { name: string; until: string } | null;
}

const FreezeTooltips = lazy(() => import('./FreezeTooltips'));

function nextWindow(
  window: MaintenanceSchedule,
  now: Date,
  display: TimeDisplay,
  freezes: FreezeWords | undefined,
): string {
  return freezes
    ? freezes.nextWindow(window)
    : formatWindowForOperator(nextMaintenanceWindow(window, now), window.timeZone, display);
}

/** How the device's interruptive updates are scheduled, and its next chance to install. */
export function scheduleText(
  device: Device,
  now: Date,
  display: TimeDisplay,
  freezes?: FreezeWords,
): string[] {
  if (!device.onboarded) {
    return [
      'Not onboarded to Connected services: no automatic software updates.',
      'Use Upgrade device software when new software is available.',
    ];
  }
  if (!device.supportsScheduling) {
    return [
      'This device does not support software scheduling.',
      'It upgrades as soon as a new software is available.',
    ];
  }
  if (device.schedule.mode === 'asap') {
    const lines = ['Upgrade as soon as a new software is available.'];
    if (device.update.nextCheckAt) {
      lines.push(
        `Next check for new software: ${formatZonedInstant(new Date(device.update.nextCheckAt), display.zone, display.locale)}`,
      );
    }
    const frozen = freezes?.inForce;
    if (frozen)
      lines.push(`Change freeze “${frozen.name}”: nothing installs until ${frozen.until}.`);
    return lines;
  }
  const { window } = device.schedule;
  return [
    `Maintenance window: ${describeWindow(window)}`,
    `Next maintenance window: ${nextWindow(window, now, display, freezes)}`,
  ];
}

/** When the device will install the software waiting for it, in the product's words. */
export function upgradeText(
  device: Device,
  now: Date,
  display: TimeDisplay,
  freezes?: FreezeWords,
): string {
  const target = device.software.latestVersion;
  if (device.status === 'unreachable') {
    return `AXIS OS ${target} is available. The device is unreachable; it will upgrade once it is reachable again.`;
  }
  if (!device.onboarded) {
    return `AXIS OS ${target} is available. This device is not onboarded to Connected services, so it will not upgrade automatically: use Upgrade device software.`;
  }
  if (device.supportsScheduling && device.schedule.mode === 'window') {
    const { window } = device.schedule;
    return `This device software will upgrade automatically during next maintenance window: ${nextWindow(window, now, display, freezes)}`;
  }
  const frozen = freezes?.inForce;
  if (frozen) {
    return `This device software will upgrade automatically once the change freeze “${frozen.name}” ends: ${frozen.until}`;
  }
  const check = device.update.nextCheckAt
    ? `: ${formatZonedInstant(new Date(device.update.nextCheckAt), display.zone, display.locale)}`
    : '';
  return `This device software will upgrade automatically as soon as it next checks for new software${check}`;
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </>
  );
}

const cellStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 4,
  whiteSpace: 'nowrap',
};

/**
 * The AXIS OS cell: version, the schedule clock, and the update's state. Plain elements styled
 * by the device table (see DeviceTable's body styles), to keep a row cheap to render.
 */
// One element for every row: React skips what it has already rendered.
const scheduleIcon = <ScheduleIcon fontSize="small" />;

interface TimedDevice {
  device: Device;
  now: Date;
  display: TimeDisplay;
}

// The tooltips' texts work out the next window: only when a tooltip opens, not for every row
// each time the page renders.
// The fleet's change freezes move windows: their module loads with the first tooltip, which
// shows the rule's own window until then.
function ScheduleLines({ device, now, display }: TimedDevice) {
  return (
    <Suspense fallback={<Lines lines={scheduleText(device, now, display)} />}>
      <FreezeTooltips
        now={now}
        display={display}
        render={(freezes) => <Lines lines={scheduleText(device, now, display, freezes)} />}
      />
    </Suspense>
  );
}

function UpgradeLine({ device, now, display }: TimedDevice) {
  return (
    <Suspense fallback={upgradeText(device, now, display)}>
      <FreezeTooltips
        now={now}
        display={display}
        render={(freezes) => <>{upgradeText(device, now, display, freezes)}</>}
      />
    </Suspense>
  );
}

export function SoftwareStatus({
  device,
  now,
  display,
}: {
  device: Device;
  now: Date;
  display: TimeDisplay;
}) {
  const { state } = device.update;
  return (
    <span style={cellStyle}>
      <LightTooltip title={<ScheduleLines device={device} now={now} display={display} />}>
        <button type="button" className="icon-button" aria-label="Update schedule">
          {scheduleIcon}
        </button>
      </LightTooltip>
      <span>{device.software.version}</span>
      {state === 'available' ? (
        <LightTooltip title={<UpgradeLine device={device} now={now} display={display} />}>
          <span className="chip chip-info" tabIndex={0}>
            Upgrade available
          </span>
        </LightTooltip>
      ) : null}
      {state === 'installing' || state === 'rebooting' ? (
        <span className="chip chip-warning">
          {state === 'installing'
            ? `Installing ${device.update.targetVersion ?? ''}`.trim()
            : 'Rebooting'}
        </span>
      ) : null}
    </span>
  );
}
