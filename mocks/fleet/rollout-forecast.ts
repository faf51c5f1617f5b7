import type { FinishRange, RolloutForecast } from '../../src/api/rollouts';
import { MINUTE } from './clock';
import {
  CHECK_MS,
  DROP_SHARE,
  PART_MS,
  QUEUE_MS,
  READY_MS,
  SITE_REBOOT_MS,
  type Phase,
} from './site-lifecycle';
import type { SiteOutcome } from './sites';

/**
 * The finish forecast of a rollout, the way an operator would make it: from the timings the
 * fleet has seen so far (how long a part takes on Ethernet and on GPRS, how often a GPRS
 * connection drops and for how long), applied to the work each site has left. It never peeks
 * at a site's own future, which the simulation knows but a real receiver would not.
 */

type IpChannel = 'ethernet' | 'gprs';

/** What the fleet has seen of one channel's downloads. */
interface ChannelTimings {
  /** Part times seen (ms), or the nominal one when none has been seen yet. */
  partLow: number;
  partHigh: number;
  seenParts: number;
}

export interface Timings {
  ethernet: ChannelTimings;
  gprs: ChannelTimings;
  /** Share of GPRS parts before which the connection dropped, and the outages' lengths. */
  dropShare: number;
  outageLow: number;
  outageHigh: number;
  seenDrops: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** The timings seen in the phases of every update so far (those ended by `now`). */
export function observeTimings(
  timelines: Iterable<{ channel: string; phases: readonly Phase[] }>,
  now: number,
): Timings {
  const parts: Record<IpChannel, number[]> = { ethernet: [], gprs: [] };
  const outages: number[] = [];
  for (const { channel, phases } of timelines) {
    if (channel !== 'ethernet' && channel !== 'gprs') continue;
    for (const phase of phases) {
      if (phase.to > now) break;
      if (phase.state === 'downloading') parts[channel].push(phase.to - phase.from);
      else if (phase.interrupted) outages.push(phase.to - phase.from);
    }
  }
  const channel = (channelName: IpChannel): ChannelTimings => {
    const seen = parts[channelName].sort((a, b) => a - b);
    if (seen.length < 5) {
      const nominal = PART_MS[channelName];
      return { partLow: nominal * 0.7, partHigh: nominal * 1.3, seenParts: seen.length };
    }
    return { partLow: quantile(seen, 0.1), partHigh: quantile(seen, 0.9), seenParts: seen.length };
  };
  outages.sort((a, b) => a - b);
  const gprsParts = parts.gprs.length;
  return {
    ethernet: channel('ethernet'),
    gprs: channel('gprs'),
    dropShare: gprsParts >= 20 ? outages.length / gprsParts : DROP_SHARE,
    outageLow: outages.length >= 3 ? quantile(outages, 0.1) : 10 * MINUTE,
    outageHigh: outages.length >= 3 ? quantile(outages, 0.9) : 40 * MINUTE,
    seenDrops: outages.length,
  };
}

/** One site's work left, for the forecast. */
export interface SiteWork {
  channel: string;
  now: SiteOutcome;
  /** Parts downloaded so far, of `totalParts`. */
  parts: number;
  totalParts: number;
  /** It will wait for something that does not come by itself (a connection, a disarm). */
  waits: boolean;
}

/** How long a site still needs, as a low and a high estimate (ms). */
function workLeft(site: SiteWork, timings: Timings): [number, number] | null {
  if (site.channel !== 'ethernet' && site.channel !== 'gprs') return null;
  const channel = timings[site.channel];
  const partsLeft =
    site.now === 'idle' || site.now === 'queued' ? site.totalParts : site.totalParts - site.parts;
  const fixed = CHECK_MS + READY_MS + SITE_REBOOT_MS + (site.now === 'idle' ? QUEUE_MS : 0);
  const drops = site.channel === 'gprs' ? partsLeft * timings.dropShare : 0;
  return [
    fixed + partsLeft * channel.partLow + Math.floor(drops * 0.5) * timings.outageLow,
    fixed + partsLeft * channel.partHigh + Math.ceil(drops * 1.5) * timings.outageHigh,
  ];
}

const ENDED: readonly SiteOutcome[] = ['installed', 'failed', 'cancelled'];

export interface WaveWork {
  /** Started waves only: the sites not yet ended are measured from now. */
  started: boolean;
  sites: SiteWork[];
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A forecast is not precise to the minute: its range opens and closes on 5 minutes. */
const STEP = 5 * MINUTE;
const rounded = ([low, high]: [number, number]): FinishRange => ({
  from: iso(Math.floor(low / STEP) * STEP),
  to: iso(Math.ceil(high / STEP) * STEP),
});

/**
 * When each wave and the whole rollout should finish. A started wave ends when its slowest
 * site does; a planned one starts when the wave before it has (the success share is most of
 * a wave) plus the soak, or now when that is past, and never inside a change freeze (`thaw`:
 * the first instant from a given one outside the freezes that bind the rollout).
 */
export function forecastRollout(
  waves: readonly WaveWork[],
  soakMs: number,
  timings: Timings,
  now: number,
  thaw: (at: number) => number = (at) => at,
): { waves: (FinishRange | null)[]; forecast: RolloutForecast } {
  let frozen = false;
  const thawed = (at: number) => {
    const after = thaw(at);
    if (after > at) frozen = true;
    return after;
  };
  let waiting = 0;
  let previous: [number, number] = [now, now];
  let whole: [number, number] | null = null;
  const ranges = waves.map((wave, index) => {
    const start: [number, number] =
      wave.started || index === 0
        ? [now, now]
        : [
            thawed(Math.max(now, previous[0] + soakMs)),
            thawed(Math.max(now, previous[1] + soakMs)),
          ];
    let range: [number, number] | null = null;
    for (const site of wave.sites) {
      if (ENDED.includes(site.now)) continue;
      if (site.waits) {
        waiting += 1;
        continue;
      }
      const left = workLeft(site, timings);
      if (!left) continue;
      const low = start[0] + left[0];
      const high = start[1] + left[1];
      range = range ? [Math.max(range[0], low), Math.max(range[1], high)] : [low, high];
    }
    if (range) {
      previous = range;
      whole = whole ? [Math.max(whole[0], range[0]), Math.max(whole[1], range[1])] : range;
    } else {
      previous = start;
    }
    return range ? rounded(range) : null;
  });
  const finish = whole as [number, number] | null;
  return {
    waves: ranges,
    forecast: {
      finish: finish ? rounded(finish) : null,
      waiting,
      basis: finish
        ? `${basisWords(timings)}${frozen ? ' No wave starts inside a change freeze: the waiting is counted.' : ''}`
        : 'The sites left wait for something that does not come by itself: a disarmed partition or a connection.',
    },
  };
}

function duration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  return `${(ms / MINUTE).toFixed(ms < 10 * MINUTE ? 1 : 0)} min`;
}

function channelWords(name: string, timings: ChannelTimings): string {
  const range = `${duration(timings.partLow)}–${duration(timings.partHigh)}`;
  return timings.seenParts >= 5
    ? `${name} parts take ${range} (${timings.seenParts.toLocaleString('en-US')} seen)`
    : `${name} parts ${range} (none seen yet: the nominal time)`;
}

/** What the forecast is drawn from, in words. */
function basisWords(timings: Timings): string {
  const drops =
    timings.seenDrops > 0
      ? `GPRS connections dropped before ${Math.round(timings.dropShare * 100)} % of parts, for ${duration(timings.outageLow)}–${duration(timings.outageHigh)}`
      : `GPRS connections are assumed to drop before ${Math.round(timings.dropShare * 100)} % of parts, for 10–40 min`;
  return `${channelWords('Ethernet', timings.ethernet)}; ${channelWords('GPRS', timings.gprs)}; ${drops}.`;
}
