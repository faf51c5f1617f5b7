import type { FinishRange, RolloutRules, WaveCounts } from '@/api/rollouts';
import { formatCount, plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedDay, formatZonedTime, zoneAbbreviation, zoneLabel } from '@/lib/zoned-format';

/** "Nov 8, 1:06 PM – 10:11 PM UTC", or with both days when the range crosses midnight. */
export function formatRange(range: FinishRange, display: TimeDisplay): string {
  const from = new Date(range.from);
  const to = new Date(range.to);
  const { zone, locale } = display;
  const fromDay = formatZonedDay(from, zone, locale);
  const toDay = formatZonedDay(to, zone, locale);
  const end = `${toDay === fromDay ? '' : `${toDay}, `}${formatZonedTime(to, zone, locale)}`;
  return `${fromDay}, ${formatZonedTime(from, zone, locale)} – ${end} ${zoneLabel(
    zoneAbbreviation(to, zone, locale),
    zone,
  )}`;
}

/** The states a wave's sites are counted in, in the order of the update, with their colours. */
export const WAVE_STATES = [
  ['installed', 'installed', 'success.main'],
  ['running', 'downloading or installing', 'info.main'],
  ['queued', 'queued', 'info.light'],
  ['waitingForDisarm', 'waiting for a disarmed partition', 'warning.main'],
  ['waitingForConnection', 'waiting for a connection', 'warning.light'],
  ['failed', 'failed', 'error.main'],
  ['cancelled', 'cancelled', 'text.disabled'],
  ['held', 'held on their version', 'info.dark'],
  ['planned', 'not started', 'action.selected'],
] as const satisfies readonly (readonly [keyof WaveCounts, string, string])[];

/** How many of a wave's sites are in a state (none where a backend leaves the count out). */
export function countIn(counts: WaveCounts, state: (typeof WAVE_STATES)[number][0]): number {
  return counts[state] ?? 0;
}

/** "18 installed, 2 waiting for a disarmed partition" (states with none left out). */
export function countsText(counts: WaveCounts): string {
  const parts = WAVE_STATES.filter(([key]) => countIn(counts, key) > 0).map(
    ([key, words]) => `${formatCount(countIn(counts, key))} ${words}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no sites';
}

/** The rules in a sentence, as the rollout page and the activity read them. */
export function rulesText(rules: RolloutRules): string {
  const start = `A wave starts when ${rules.successPercent} % of the one before has installed${
    rules.soakMinutes > 0 ? `, after a ${rules.soakMinutes} min soak` : ''
  }.`;
  const limits = [
    rules.failurePercent !== null
      ? `more than ${rules.failurePercent} % of a wave’s finished sites failed`
      : null,
    rules.failureCount !== null ? `${plural(rules.failureCount, 'site')} of a wave failed` : null,
  ].filter(Boolean);
  const halt =
    limits.length > 0
      ? ` It halts by itself when ${limits.join(' or ')}, once ${plural(rules.minFinished, 'site')} of the wave finished.`
      : ' No failure limit halts it.';
  const disarm = rules.disarmWaitCounts
    ? ' Sites waiting for a disarmed partition count as installed.'
    : ' Sites waiting for a disarmed partition do not count as installed.';
  return `${start}${halt}${disarm}`;
}
