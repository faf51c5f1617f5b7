/**
 * What the hawkBit stand-in holds, made from a scenario of the built-in fleet: one target type
 * per camera model, one distribution set per published version of a model (the newest is
 * the type's current set), and one target per device, tagged with its customer
 * (`customer:nordic`). What a device's own hawkBit client
 * would report is in its controller attributes (`category`, `osVersion`, `onboarded`,
 * `scheduling`, `apps.running`, `apps.stopped`); what an operator records about it is in its
 * metadata (`warrantyUntil`). A target's name is its controller id where the device has none.
 */
import { compareVersions } from '../../src/lib/version';
import { modelCatalog } from '../fleet/device-seeds';
import { buildScenario, type ScenarioName } from '../fleet/scenarios';
import { siteCustomer } from '../fleet/sites';
import { SITE_CATEGORY, siteControllerId } from './standin-sites';

/** The target tag that says whose a target is, as the console reads it: `customer:<id>`. */
export function customerTag(customer: string): string {
  return `customer:${customer}`;
}

export interface StandinTarget {
  controllerId: string;
  name: string;
  address: string;
  updateStatus: 'in_sync' | 'pending' | 'error' | 'registered' | 'unknown';
  lastControllerRequestAt: number;
  /** It polls hawkBit every minute (a reachable device, a connected panel): its last poll is always recent. */
  polling: boolean;
  createdAt: number;
  /** The target type's key. */
  targetType: string;
  installedSet: number;
  /** The installed set's version (hawkBit's `installedDistributionSet.version`). */
  installedVersion: string;
  attributes: Record<string, string>;
  metadata: Record<string, string>;
  /** Its target tags' names: `customer:<id>`, whose it is (the built-in fleet's customers). */
  tags: string[];
  /** An alarm panel's site: its version and update state are read live (standin-sites.ts). */
  site?: { deviceType: string; number: number };
  /** A server of the Upgrade Center (its seed's id): its jobs run in standin-servers.ts. */
  server?: string;
}

export interface StandinTargetType {
  id: number;
  key: string;
  name: string;
  description: string;
}

export interface StandinDistributionSet {
  id: number;
  name: string;
  version: string;
  type: string;
  createdAt: number;
  /** Its software modules' ids (a server's module set; the others have none). */
  modules?: number[];
}

export interface StandinWorld {
  targets: StandinTarget[];
  targetTypes: StandinTargetType[];
  distributionSets: StandinDistributionSet[];
}

/** A device's hawkBit client polls every minute; the stand-in's devices did just now. */
export const POLLED_BEFORE_MS = 60_000;

export function standinWorld(scenario: ScenarioName, started: number): StandinWorld {
  const { devices, sites, deviceTypes } = buildScenario(scenario);
  const models = [...new Set(devices.map((device) => device.model))].sort();
  const targetTypes = [
    ...models.map((model) => ({
      key: model,
      description: `${modelCatalog[model]?.category ?? 'camera'} model`,
    })),
    ...deviceTypes.map((type) => ({ key: type.name, description: 'alarm panel type' })),
  ].map((type, index) => ({ id: index + 1, name: type.key, ...type }));
  const distributionSets: StandinDistributionSet[] = [];
  for (const model of models) {
    for (const version of modelCatalog[model]?.versions ?? []) {
      distributionSets.push({
        id: distributionSets.length + 1,
        name: model,
        version,
        type: 'os',
        // Published in order: the newest version is the newest set.
        createdAt: started - (100 - distributionSets.length) * 86_400_000,
      });
    }
  }
  for (const type of deviceTypes) {
    const versions = [
      ...new Set(sites.filter((site) => site.deviceType === type.name).map((site) => site.version)),
    ]
      .filter((version) => version !== type.currentVersion)
      .sort(compareVersions);
    for (const version of [...versions, type.currentVersion]) {
      distributionSets.push({
        id: distributionSets.length + 1,
        name: type.name,
        version,
        type: 'panel-firmware',
        createdAt: started - (100 - distributionSets.length) * 86_400_000,
      });
    }
  }
  const setOf = new Map(distributionSets.map((set) => [`${set.name}@${set.version}`, set.id]));
  const targets = devices.map((device, index): StandinTarget => {
    const info = modelCatalog[device.model];
    return {
      controllerId: device.serial,
      name: device.name ?? device.serial,
      address: `http://${device.ip}`,
      updateStatus: 'in_sync',
      lastControllerRequestAt:
        started -
        (device.status === 'unreachable' ? device.lastSeenBeforeEpochMs : POLLED_BEFORE_MS),
      polling: device.status === 'reachable',
      createdAt: started - 365 * 86_400_000 + index,
      targetType: device.model,
      installedSet: setOf.get(`${device.model}@${device.version}`) ?? 0,
      installedVersion: device.version,
      attributes: {
        category: info?.category ?? 'camera',
        osVersion: device.version,
        onboarded: String(device.onboarded),
        scheduling: info?.supportsScheduling === false ? 'unsupported' : 'supported',
        'apps.running': String(device.apps.running),
        'apps.stopped': String(device.apps.stopped),
      },
      metadata: device.warranty.expiresOn ? { warrantyUntil: device.warranty.expiresOn } : {},
      tags: [customerTag(device.customer)],
    };
  });
  for (const site of sites) {
    targets.push({
      controllerId: siteControllerId(site.deviceType, site.number),
      // Padded, so that hawkBit's order of names is the order of site numbers.
      name: `${site.deviceType} ${String(site.number).padStart(6, '0')}`,
      address: '',
      updateStatus: 'in_sync',
      lastControllerRequestAt: site.connected
        ? started - POLLED_BEFORE_MS
        : started - (site.disconnectedBeforeEpochMs ?? 86_400_000),
      polling: site.connected,
      createdAt: started - 365 * 86_400_000,
      targetType: site.deviceType,
      installedSet: setOf.get(`${site.deviceType}@${site.version}`) ?? 0,
      installedVersion: site.version,
      attributes: {
        category: SITE_CATEGORY,
        siteNumber: String(site.number),
        channel: site.channel,
        boardRevision: site.boardRevision,
        partitions: JSON.stringify(site.partitions),
      },
      metadata: {},
      tags: [customerTag(siteCustomer(site))],
      site: { deviceType: site.deviceType, number: site.number },
    });
  }
  return { targets, targetTypes, distributionSets };
}
