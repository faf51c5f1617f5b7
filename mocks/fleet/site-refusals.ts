import { CANCELLABLE_STATES, CHANNEL_LABELS, SITE_STATE_LABELS } from '../../src/api/sites';
import { RefusedError } from './refusal';
import { hasIpChannel } from './site-lifecycle';
import type { SiteSeed } from './site-seeds';
import type { SiteBook } from './sites';

/** Why a site's update cannot be queued or cancelled now, in the operator's words. */

/** An instant as the server's words give it: `2026-12-24 00:00 UTC`. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Why the site cannot be queued for the update now, or null when it can. */
export function refuseUpdate(book: SiteBook, seed: SiteSeed, now: number): RefusedError | null {
  const type = book.typeNamed(seed.deviceType);
  const { group, site } = book.at(seed, now);
  if (group === 'current') {
    return new RefusedError(
      409,
      'already_current',
      `Site ${seed.number} already runs ${book.currentOf(type, now)}, the current version.`,
    );
  }
  if (site.update) {
    return new RefusedError(
      409,
      'already_updating',
      `Site ${seed.number} is already updating (${SITE_STATE_LABELS[site.update.state].toLowerCase()}).`,
    );
  }
  if (group === 'held' && site.hold) {
    return new RefusedError(
      409,
      'site_held',
      `Site ${seed.number} is held on ${site.version} until ${utcMinute(site.hold.until)} by ${site.hold.by.name}: “${site.hold.reason}”. Release the hold first, or wait for it to end.`,
    );
  }
  if (!hasIpChannel(seed)) {
    return new RefusedError(
      422,
      'no_ip_channel',
      `Site ${seed.number} is connected over ${CHANNEL_LABELS[seed.channel]}. Only sites on Ethernet or GPRS can be updated remotely.`,
    );
  }
  return null;
}

/** Why the site's update cannot be cancelled now, or null when it can. */
export function refuseCancel(book: SiteBook, seed: SiteSeed, now: number): RefusedError | null {
  const update = book.at(seed, now).site.update;
  if (!update) {
    return new RefusedError(409, 'not_updating', `Site ${seed.number} has no update running.`);
  }
  if (!CANCELLABLE_STATES.includes(update.state)) {
    return new RefusedError(
      409,
      'already_downloaded',
      `Site ${seed.number} has already downloaded firmware ${update.targetVersion}, so the update can no longer be cancelled. It will install when a partition is disarmed.`,
    );
  }
  return null;
}
