import type { FailureCode } from '../../src/api/sites';
import { HOUR, MINUTE } from './clock';
import { pick, seededRandom } from './random';

export type SiteChannel = 'ethernet' | 'gprs' | 'sms' | 'pstn';

export interface DeviceTypeSeed {
  name: string;
  currentVersion: string;
  /** The versions before the current one, oldest first: what a recall goes back to. */
  earlierVersions: string[];
  /** The firmware archive: 200–500 KB, downloaded in parts. */
  firmwareBytes: number;
  partBytes: number;
  /** Board revisions the current firmware is compatible with. */
  boards: string[];
  /** How often a first attempt fails its integrity check (0 in the demo, whose days are fixed). */
  integrityFailureShare: number;
  /** How often a first attempt comes back on the old image after its reboot. */
  fallBackShare: number;
  /** How often a first attempt does not report after its reboot. */
  noReportShare: number;
  /** How long after a reboot a site has to report its new version before it counts as failed. */
  reportTimeoutMs: number;
}

/** What a site does after its reboot, where a scenario or a test decides it. */
export type AfterReboot = 'fell-back' | 'no-report';

/** An update that was already running when the scenario began. */
export type SiteUpdateSeed =
  | { state: 'queued'; /** Still queued this long after the scenario began. */ queueMs: number }
  | { state: 'waiting-for-connection' }
  | { state: 'downloading'; downloadedParts: number }
  | { state: 'waiting-for-disarm' };

export interface SiteSeed {
  number: number;
  deviceType: string;
  version: string;
  channel: SiteChannel;
  connected: boolean;
  boardRevision: string;
  partitions: { name: string; armed: boolean }[];
  update: SiteUpdateSeed | null;
  /** A failed attempt before the scenario began. */
  lastFailure?: { beforeEpochMs: number; code: FailureCode; reason: string };
  /** A site that is not connected: how long before the scenario began it was last seen. */
  disconnectedBeforeEpochMs?: number;
  /** Its first update's reboot goes wrong so (a test's hook; `large` draws its own). */
  afterReboot?: AfterReboot;
}

export const nordGsm: DeviceTypeSeed = {
  name: 'Nord GSM',
  currentVersion: '5.40',
  earlierVersions: ['5.32', '5.36'],
  firmwareBytes: 360 * 1024,
  partBytes: 16 * 1024,
  boards: ['B', 'C'],
  integrityFailureShare: 0,
  fallBackShare: 0,
  noReportShare: 0,
  reportTimeoutMs: 15 * MINUTE,
};

export const otherTypes: DeviceTypeSeed[] = [
  {
    name: 'Nord LAN',
    currentVersion: '3.12',
    earlierVersions: ['3.10'],
    firmwareBytes: 420 * 1024,
    partBytes: 32 * 1024,
    boards: ['A'],
    integrityFailureShare: 0,
    fallBackShare: 0,
    noReportShare: 0,
    reportTimeoutMs: 15 * MINUTE,
  },
  {
    name: 'Lunar GSM',
    currentVersion: '2.08',
    earlierVersions: ['2.05'],
    firmwareBytes: 220 * 1024,
    partBytes: 16 * 1024,
    boards: ['A'],
    integrityFailureShare: 0,
    fallBackShare: 0,
    noReportShare: 0,
    reportTimeoutMs: 15 * MINUTE,
  },
];

const disarmed = [{ name: 'Partition 1', armed: false }];

/** The documented Nord GSM example (20 sites, 5.40, 6 red, 4 yellow, 10 current) and two more types. */
export function demoSites(): SiteSeed[] {
  const sites: SiteSeed[] = [];
  for (let number = 1001; number <= 1020; number += 1) {
    const old = number >= 1011;
    const site: SiteSeed = {
      number,
      deviceType: 'Nord GSM',
      version: old ? (number % 2 === 0 ? '5.32' : '5.36') : '5.40',
      channel: number % 3 === 0 ? 'ethernet' : 'gprs',
      connected: true,
      boardRevision: number % 4 === 0 ? 'B' : 'C',
      partitions: [
        { name: 'Partition 1', armed: false },
        { name: 'Partition 2', armed: number % 2 === 0 },
      ],
      update: null,
    };
    if (number === 1016) site.channel = 'sms';
    if (number === 1015) {
      site.lastFailure = {
        beforeEpochMs: 26 * HOUR,
        code: 'integrity',
        reason:
          'The integrity check failed: a checksum did not match. Update the site again to download the firmware anew.',
      };
    }
    if (number === 1017) {
      site.channel = 'gprs';
      site.update = { state: 'downloading', downloadedParts: 9 };
    }
    if (number === 1018) {
      site.update = { state: 'waiting-for-disarm' };
      site.partitions = [
        { name: 'Partition 1', armed: true },
        { name: 'Partition 2', armed: true },
      ];
    }
    if (number === 1019) site.update = { state: 'queued', queueMs: 15 * MINUTE };
    if (number === 1020) {
      site.update = { state: 'waiting-for-connection' };
      site.connected = false;
      site.disconnectedBeforeEpochMs = 40 * MINUTE;
    }
    sites.push(site);
  }
  for (let index = 0; index < 8; index += 1) {
    sites.push({
      number: 2001 + index,
      deviceType: 'Nord LAN',
      version: index < 5 ? '3.12' : '3.10',
      channel: 'ethernet',
      connected: true,
      boardRevision: 'A',
      partitions: disarmed,
      update: null,
    });
  }
  for (let index = 0; index < 5; index += 1) {
    sites.push({
      number: 3001 + index,
      deviceType: 'Lunar GSM',
      version: index < 2 ? '2.08' : '2.05',
      channel: index === 4 ? 'pstn' : 'gprs',
      connected: index !== 3,
      ...(index === 3 ? { disconnectedBeforeEpochMs: 3 * 24 * HOUR } : {}),
      boardRevision: 'A',
      partitions: disarmed,
      update: index === 2 ? { state: 'queued', queueMs: 10 * MINUTE } : null,
    });
  }
  return sites;
}

/** 10,000 sites of one type for the large scenario, and the demo's other types. */
export function largeSites(): SiteSeed[] {
  const random = seededRandom(10_000);
  const sites: SiteSeed[] = [];
  for (let index = 0; index < 10_000; index += 1) {
    const current = random() > 0.3;
    const channel = pick(random, ['gprs', 'gprs', 'ethernet', 'sms'] as const);
    const connected = random() > 0.05;
    sites.push({
      number: 100_001 + index,
      deviceType: 'Nord GSM',
      version: current ? '5.40' : pick(random, ['5.32', '5.36']),
      channel,
      connected,
      ...(connected ? {} : { disconnectedBeforeEpochMs: Math.floor(random() * 30 * 24) * HOUR }),
      boardRevision: random() > 0.02 ? pick(random, ['B', 'C']) : 'A',
      partitions: [{ name: 'Partition 1', armed: random() > 0.8 }],
      update:
        !current && channel !== 'sms' && random() > 0.7
          ? { state: 'queued', queueMs: Math.floor(random() * 6 * 60) * MINUTE }
          : null,
    });
  }
  return sites;
}
