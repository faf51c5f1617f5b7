import type { Device } from '../../src/api/devices';
import type { DeviceSchedule } from '../../src/api/schedules';
import { DAY, HOUR, MINUTE } from './clock';
import { customerAt } from './customers';
import { pick, seededRandom } from './random';

/** What a model is and which AXIS OS it can run, newest last. */
export interface ModelInfo {
  category: Device['category'];
  versions: readonly string[];
  supportsScheduling: boolean;
}

export const modelCatalog: Record<string, ModelInfo> = {
  'AXIS C1004-E': {
    category: 'audio',
    versions: ['10.12.220', '10.12.240.1', '10.12.260'],
    supportsScheduling: true,
  },
  'AXIS P3227-LV': {
    category: 'camera',
    versions: ['11.11.73', '11.11.109', '11.11.141'],
    supportsScheduling: true,
  },
  'AXIS S3008': {
    category: 'recorder',
    versions: ['11.11.109', '11.11.141'],
    supportsScheduling: false,
  },
  'AXIS M3128-LVE': {
    category: 'camera',
    versions: ['11.11.109', '12.6.94'],
    supportsScheduling: true,
  },
  'AXIS P1465-LE': {
    category: 'camera',
    versions: ['11.11.141', '12.6.94', '12.7.61'],
    supportsScheduling: true,
  },
  'AXIS Q1656': { category: 'camera', versions: ['12.6.94', '12.7.61'], supportsScheduling: true },
  'AXIS M3086-V': {
    category: 'camera',
    versions: ['10.12.240.1', '11.11.141', '12.7.61'],
    supportsScheduling: true,
  },
  'AXIS Q6135-LE': {
    category: 'camera',
    versions: ['11.11.141', '12.7.61'],
    supportsScheduling: true,
  },
  'AXIS M1075-L': {
    category: 'camera',
    versions: ['9.80.55', '9.80.72'],
    supportsScheduling: false,
  },
  'AXIS I8016-LVE': {
    category: 'intercom',
    versions: ['11.11.109', '12.7.61'],
    supportsScheduling: true,
  },
  'AXIS P3265-LVE': {
    category: 'camera',
    versions: ['12.6.94', '12.7.61'],
    supportsScheduling: true,
  },
  'AXIS C1310-E': {
    category: 'audio',
    versions: ['11.11.141', '12.7.61'],
    supportsScheduling: true,
  },
};

export function latestVersion(model: string): string {
  const versions = modelCatalog[model]?.versions ?? [];
  const latest = versions[versions.length - 1];
  if (latest === undefined) throw new Error(`Unknown model ${model}`);
  return latest;
}

/** A device as the scenario creates it; what changes later lives in the fleet's patches. */
export interface DeviceSeed {
  id: string;
  name: string | null;
  model: string;
  status: Device['status'];
  ip: string;
  serial: string;
  version: string;
  warranty: Device['warranty'];
  apps: Device['apps'];
  onboarded: boolean;
  schedule: DeviceSchedule;
  /** How long before the scenario began the device last started (its 2-hour check cycle). */
  bootedBeforeEpochMs: number;
  /** For an unreachable device, how long before the scenario began it was last seen. */
  lastSeenBeforeEpochMs: number;
  /** Whose device it is: a customer's id (see customers.ts). */
  customer: string;
}

const asap: DeviceSchedule = { mode: 'asap' };
const window = (
  repeat: 'daily' | 'weekly',
  startTime: string,
  timeZone: string,
  weekday?: number,
): DeviceSchedule => ({
  mode: 'window',
  window: { repeat, startTime, timeZone, ...(weekday === undefined ? {} : { weekday }) },
});

function demoDevice(
  index: number,
  fields: Partial<DeviceSeed> & Pick<DeviceSeed, 'model' | 'ip' | 'serial' | 'version'>,
): DeviceSeed {
  return {
    id: `dev-${String(index).padStart(4, '0')}`,
    name: null,
    status: 'reachable',
    warranty: { status: 'active', expiresOn: '2027-06-30' },
    apps: { running: 2, stopped: 0 },
    onboarded: true,
    schedule: asap,
    bootedBeforeEpochMs: (index * 37 * MINUTE) % (2 * HOUR),
    lastSeenBeforeEpochMs: 0,
    customer: customerAt(index),
    ...fields,
  };
}

/** The demo fleet: the seeds' own devices first, then a mix that shows every state. */
export function demoDevices(): DeviceSeed[] {
  const unsupported = (model: string) => !modelCatalog[model]?.supportsScheduling;
  const rows: Array<Partial<DeviceSeed> & Pick<DeviceSeed, 'model' | 'ip' | 'serial' | 'version'>> =
    [
      {
        model: 'AXIS C1004-E',
        ip: '172.26.180.173',
        serial: 'ACCC8EF3100E',
        version: '10.12.240.1',
      },
      { model: 'AXIS P3227-LV', ip: '172.26.180.2', serial: 'ACCC8EF37A0E', version: '11.11.73' },
      {
        model: 'AXIS S3008',
        ip: '172.26.180.20',
        serial: 'ACCC8EFC3008',
        version: '11.11.109',
        apps: { running: 4, stopped: 0 },
        warranty: { status: 'unknown', expiresOn: null },
      },
      {
        model: 'AXIS M3128-LVE',
        ip: '172.26.180.31',
        serial: 'B8A44FF1DDC0',
        version: '11.11.109',
        apps: { running: 6, stopped: 2 },
        schedule: window('weekly', '12:00', 'UTC', 0),
      },
      {
        name: 'Entrance camera',
        model: 'AXIS P1465-LE',
        ip: '172.26.180.40',
        serial: 'B8A44F0E1465',
        version: '12.6.94',
        schedule: window('weekly', '12:00', 'Europe/Stockholm', 6),
      },
      {
        name: 'Cashier camera',
        model: 'AXIS P1465-LE',
        ip: '172.26.180.41',
        serial: 'B8A44F0E1466',
        version: '12.6.94',
        schedule: window('weekly', '12:00', 'Europe/Stockholm', 0),
      },
      {
        name: 'Loading dock',
        model: 'AXIS Q1656',
        ip: '172.26.180.42',
        serial: 'B8A44F101656',
        version: '12.7.61',
        schedule: window('daily', '02:00', 'America/New_York'),
      },
      {
        name: 'Parking north',
        model: 'AXIS Q6135-LE',
        ip: '172.26.180.43',
        serial: 'B8A44F116135',
        version: '11.11.141',
        apps: { running: 3, stopped: 1 },
      },
      {
        model: 'AXIS M3086-V',
        ip: '172.26.180.44',
        serial: 'B8A44F123086',
        version: '10.12.240.1',
        status: 'unreachable',
        lastSeenBeforeEpochMs: 3 * DAY,
      },
      {
        model: 'AXIS M3086-V',
        ip: '172.26.180.45',
        serial: 'B8A44F123087',
        version: '12.7.61',
        schedule: window('daily', '23:00', 'Asia/Kolkata'),
      },
      {
        name: 'Lobby (old)',
        model: 'AXIS M1075-L',
        ip: '172.26.180.46',
        serial: 'ACCC8E501075',
        version: '9.80.55',
        warranty: { status: 'expired', expiresOn: '2024-03-31' },
      },
      {
        model: 'AXIS M1075-L',
        ip: '172.26.180.47',
        serial: 'ACCC8E501076',
        version: '9.80.72',
        warranty: { status: 'expired', expiresOn: '2024-03-31' },
      },
      {
        name: 'Front door intercom',
        model: 'AXIS I8016-LVE',
        ip: '172.26.180.50',
        serial: 'B8A44F208016',
        version: '11.11.109',
        onboarded: false,
      },
      {
        model: 'AXIS P3265-LVE',
        ip: '172.26.180.51',
        serial: 'B8A44F213265',
        version: '12.6.94',
        onboarded: false,
      },
      {
        model: 'AXIS P3265-LVE',
        ip: '172.26.180.52',
        serial: 'B8A44F213266',
        version: '12.7.61',
        schedule: window('weekly', '03:30', 'Australia/Adelaide', 3),
      },
      {
        name: 'Warehouse speaker',
        model: 'AXIS C1310-E',
        ip: '172.26.180.60',
        serial: 'B8A44F301310',
        version: '11.11.141',
        status: 'unreachable',
        lastSeenBeforeEpochMs: 5 * HOUR,
        schedule: window('daily', '01:00', 'Asia/Kathmandu'),
      },
      {
        model: 'AXIS Q1656',
        ip: '172.26.180.61',
        serial: 'B8A44F101657',
        version: '12.6.94',
        onboarded: false,
        status: 'unreachable',
        lastSeenBeforeEpochMs: 26 * HOUR,
      },
      {
        model: 'AXIS P3227-LV',
        ip: '172.26.180.62',
        serial: 'ACCC8EF37A0F',
        version: '11.11.141',
      },
      {
        model: 'AXIS P3227-LV',
        ip: '172.26.180.63',
        serial: 'ACCC8EF37A10',
        version: '11.11.109',
        schedule: window('daily', '08:00', 'UTC'),
      },
      {
        model: 'AXIS C1004-E',
        ip: '172.26.180.64',
        serial: 'ACCC8EF31010',
        version: '10.12.260',
        apps: { running: 1, stopped: 0 },
      },
    ];
  return rows.map((row, index) => {
    const device = demoDevice(index + 1, row);
    return unsupported(device.model) ? { ...device, schedule: asap } : device;
  });
}

const largeModels = Object.keys(modelCatalog);
const zones = ['UTC', 'Europe/Stockholm', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

/** 100,000 devices, built the same way every time. */
export function largeDevices(count: number): DeviceSeed[] {
  const random = seededRandom(100_000);
  // Devices with the same schedule share one object (cheap to store and to compute windows for).
  const schedules = new Map<string, DeviceSchedule>();
  const shared = (repeat: 'daily' | 'weekly', startTime: string, zone: string, weekday: number) => {
    const key = `${repeat}|${startTime}|${zone}|${repeat === 'weekly' ? weekday : ''}`;
    let schedule = schedules.get(key);
    if (!schedule) {
      schedule = window(repeat, startTime, zone, repeat === 'weekly' ? weekday : undefined);
      schedules.set(key, schedule);
    }
    return schedule;
  };
  const devices: DeviceSeed[] = new Array<DeviceSeed>(count);
  for (let index = 0; index < count; index += 1) {
    const model = pick(random, largeModels);
    const info = modelCatalog[model];
    if (!info) throw new Error(`Unknown model ${model}`);
    const reachable = random() > 0.04;
    const onboarded = random() > 0.08;
    const windowed = info.supportsScheduling && random() > 0.5;
    const zone = pick(random, zones);
    const serialNumber = (0xb8a44f000000 + index).toString(16).toUpperCase();
    devices[index] = {
      id: `dev-${String(index + 1).padStart(6, '0')}`,
      name: random() > 0.7 ? `Site ${Math.floor(index / 50) + 1} camera ${(index % 50) + 1}` : null,
      model,
      status: reachable ? 'reachable' : 'unreachable',
      ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      serial: serialNumber.padStart(12, '0'),
      version: pick(random, info.versions),
      warranty:
        random() > 0.2
          ? { status: 'active', expiresOn: `2027-${String(1 + (index % 12)).padStart(2, '0')}-01` }
          : { status: 'expired', expiresOn: '2025-01-31' },
      apps: { running: Math.floor(random() * 7), stopped: Math.floor(random() * 3) },
      onboarded,
      schedule: windowed
        ? shared(
            random() > 0.5 ? 'daily' : 'weekly',
            `${String(Math.floor(random() * 24)).padStart(2, '0')}:00`,
            zone,
            Math.floor(random() * 7),
          )
        : asap,
      bootedBeforeEpochMs: Math.floor(random() * 2 * HOUR),
      lastSeenBeforeEpochMs: reachable ? 0 : Math.floor(random() * 7 * DAY),
      // The cameras of one site (50 a site) are one customer's.
      customer: customerAt(Math.floor(index / 50)),
    };
  }
  return devices;
}
