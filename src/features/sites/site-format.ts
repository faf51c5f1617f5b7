import { SITE_STATE_LABELS, type Hold, type Site } from '@/api/sites';
import { formatZonedDate } from '@/lib/zoned-format';

/** "120 KB" (binary kilobytes, as firmware sizes are given). */
export function formatBytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** "under 1 min", "12 min", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The state of a site in words: its update's step, or where its version stands. */
export function siteStateText(site: Site, currentVersion: string): string {
  const update = site.update;
  if (update) {
    if (update.interrupted) {
      return `Waiting for connection (connection lost; the download resumes from part ${update.download.parts + 1})`;
    }
    return SITE_STATE_LABELS[update.state];
  }
  if (site.version === currentVersion) return 'On current version';
  if (site.hold) return 'Held';
  return site.lastFailure ? 'Update failed' : 'No update planned';
}

/** "Held until Dec 24, 2026: Bank holiday event at the store", in the operator's zone. */
export function holdText(hold: Hold, zone: string, locale: string): string {
  return `Held until ${formatZonedDate(new Date(hold.until), zone, locale)}: ${hold.reason}`;
}

/** "1 of 2 armed", "All 2 armed", "Disarmed". */
export function partitionsText(partitions: Site['partitions']): string {
  const armed = partitions.filter((partition) => partition.armed).length;
  if (armed === 0)
    return partitions.length === 1 ? 'Disarmed' : `All ${partitions.length} disarmed`;
  if (armed === partitions.length) return partitions.length === 1 ? 'Armed' : `All ${armed} armed`;
  return `${armed} of ${partitions.length} armed`;
}
