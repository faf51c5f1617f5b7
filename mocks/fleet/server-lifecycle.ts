import type { ServerSettings, UpgradeJob, JobStep } from '../../src/api/servers';
import { formatSize } from '../../src/lib/format';
import type { ServerSeed } from './server-seeds';

/**
 * How an upgrade job of the Upgrade Center moves on with time: its steps' timings (check,
 * download at the server's bandwidth, stage, restart by platform), the nightly restart, and
 * what each step says once done. Pure functions of the job and the instant asked for.
 */

const CHECK_MS = 3_000;
const STAGE_MS = 8_000;
const DOWNLOAD_BYTES_PER_MS = (4 * 1024 ** 2) / 1000;
const MIN_DOWNLOAD_MS = 5_000;
export const RESTART_MS = { windows: 30_000, linux: 90_000 } as const;
/** Servers restart every night at 03:00 UTC (operating-system maintenance). */
const BOOT_HOUR_UTC = 3;
const DAY_MS = 24 * 3_600_000;

/** The first nightly restart after `time`. */
export function nextBoot(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS + BOOT_HOUR_UTC * 3_600_000;
  return day > time ? day : day + DAY_MS;
}

export const DEFAULT_SETTINGS: ServerSettings = { updateType: 'manual', restartOnFailure: '10s' };

export const RESTART_HOW = {
  windows: 'The upgrade job script (upgrade-job-start.bat) restarts the Banalytics service.',
  linux: 'The agent requests a reboot of the server after staging the modules.',
} as const;

export const RESTART_AFTER_FAILURE: Record<ServerSettings['restartOnFailure'], string> = {
  stop: 'Banalytics stays stopped until it is restarted manually (Restart on failure: Stop on failure).',
  immediately: 'Banalytics restarted at once with the previous module set.',
  '10s': 'Banalytics restarted with the previous module set after 10 seconds.',
  '30s': 'Banalytics restarted with the previous module set after 30 seconds.',
  '1m': 'Banalytics restarted with the previous module set after 1 minute.',
};

export interface Job {
  id: string;
  requestId: string;
  startedAt: number;
  fullSync: boolean;
  /** The target set when it started: what it installs. */
  target: Map<string, string | null>;
  downloadBytes: number;
  /** The reason it fails at restart, if a staged version does not start. */
  failure: string | null;
  settings: ServerSettings;
}

/** When each step of a job begins; the job ends at `end`. */
export function schedule(job: Job, platform: ServerSeed['platform']) {
  const check = job.startedAt;
  const download = check + CHECK_MS;
  const stage = download + Math.max(MIN_DOWNLOAD_MS, job.downloadBytes / DOWNLOAD_BYTES_PER_MS);
  const restart = stage + STAGE_MS;
  const end = restart + RESTART_MS[platform];
  return { check, download, stage, restart, end };
}

/** Where a job stands at `now`: each step's state and progress, and a failure's words. */
export function jobView(job: Job, platform: ServerSeed['platform'], now: number): UpgradeJob {
  const times = schedule(job, platform);
  const order: [JobStep, number, number][] = [
    ['check', times.check, times.download],
    ['download', times.download, times.stage],
    ['stage', times.stage, times.restart],
    ['restart', times.restart, times.end],
    ['active', times.end, times.end],
  ];
  const over = now >= times.end;
  const failed = over && job.failure !== null;
  const messages: Record<JobStep, string> = {
    check: 'Registration and portal connection checked.',
    download: `${formatSize(job.downloadBytes)} downloaded into modules-download.`,
    stage:
      'Staged in modules-upgrade; the previous set kept in modules-backup; modules-info.properties written.',
    restart: RESTART_HOW[platform],
    active: job.fullSync
      ? 'The portal-defined module set is active.'
      : 'The new module set is active.',
  };
  return {
    id: job.id,
    startedAt: new Date(job.startedAt).toISOString(),
    state: !over ? 'running' : failed ? 'failed' : 'succeeded',
    fullSync: job.fullSync,
    steps: order.map(([step, from, to]) => {
      const done = now >= to && !(failed && (step === 'restart' || step === 'active'));
      const state =
        failed && step === 'restart'
          ? 'failed'
          : done
            ? 'done'
            : now >= from && !failed
              ? 'running'
              : 'pending';
      const progress =
        state === 'done' ? 1 : state === 'running' ? (now - from) / Math.max(1, to - from) : 0;
      return {
        step,
        state,
        progress: Math.min(1, Math.max(0, progress)),
        message: state === 'done' ? messages[step] : state === 'failed' ? job.failure : null,
      };
    }),
    failure: failed
      ? `${job.failure} The previous module set was restored from modules-backup.`
      : null,
  };
}
