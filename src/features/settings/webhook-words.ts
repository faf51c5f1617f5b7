import { DELIVERY_STATUS_LABELS, type WebhookAttempt, type WebhookDelivery } from '@/api/webhooks';
import { plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';

const when = (iso: string, display: TimeDisplay) =>
  formatZonedInstant(new Date(iso), display.zone, display.locale);

/** "Answered 200 in 12 ms" or "No answer: The connection was refused …". */
export function attemptWords(attempt: WebhookAttempt): string {
  const answered =
    attempt.status === null
      ? `No answer: ${attempt.error ?? 'the request failed.'}`
      : `Answered ${attempt.status} in ${attempt.durationMs} ms`;
  return attempt.answer && attempt.status !== null ? `${answered}: “${attempt.answer}”` : answered;
}

/**
 * A delivery in one line: "Delivered (200)", "Retrying (500), next attempt at …",
 * "Failed after 6 attempts: No answer within 10 seconds."
 */
export function deliveryWords(delivery: WebhookDelivery, display: TimeDisplay): string {
  const last = delivery.attempts.at(-1);
  const answer = last?.status === null || !last ? '' : ` (${last.status})`;
  switch (delivery.status) {
    case 'delivered':
      return `Delivered${answer}`;
    case 'retrying':
      return `Retrying${answer}, next attempt at ${delivery.nextAttemptAt ? when(delivery.nextAttemptAt, display) : 'once the server is back'}`;
    case 'failed':
      return `Failed after ${plural(delivery.attempts.length, 'attempt')}${last?.error ? `: ${last.error}` : ''}`;
    case 'pending':
      return DELIVERY_STATUS_LABELS.pending;
  }
}

export { when as deliveryTime };
