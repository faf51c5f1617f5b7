import type { ModuleKind, ModuleVersion } from '../../src/api/servers';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

/** A published version; some fail to start, to show a failed upgrade restored from backup. */
export type VersionSeed = ModuleVersion & { failure?: string };

export interface ModuleSeed {
  name: string;
  kind: ModuleKind;
  description: string;
  optional: boolean;
  installed: string | null;
  /** What the portal assigns when the scenario begins (the installed version by default). */
  target?: string | null;
  versions: VersionSeed[];
  dependentTasks: string[];
}

export interface ServerSeed {
  id: string;
  name: string;
  registered: boolean;
  online: boolean;
  platform: 'windows' | 'linux';
  diskFreeBytes: number;
  /** No module information yet: the first synchronization installs the whole set. */
  firstRun: boolean;
  /** What a restart would interrupt now. */
  criticalWork: string[];
  modules: ModuleSeed[];
  /** Whose server it is: a customer's id (see customers.ts). */
  customer: string;
}

const stable = (version: string, sizeBytes: number): VersionSeed => ({
  version,
  channel: 'stable',
  sizeBytes,
});
const staging = (version: string, sizeBytes: number, failure?: string): VersionSeed => ({
  version,
  channel: 'staging',
  sizeBytes,
  ...(failure ? { failure } : {}),
});

/** The portal's catalogue: every published version of each module, oldest first. */
function catalogue(): ModuleSeed[] {
  return [
    {
      name: 'banalytics-core',
      kind: 'core',
      description: 'The Banalytics platform core.',
      optional: false,
      installed: '2.4.1',
      versions: [
        stable('2.3.0', 38 * MB),
        stable('2.4.1', 42 * MB),
        stable('2.5.0', 44 * MB),
        staging('2.6.0-rc1', 45 * MB),
      ],
      dependentTasks: [],
    },
    {
      name: 'video-recording',
      kind: 'module',
      description: 'Records camera streams to local storage.',
      optional: false,
      installed: '2.4.0',
      versions: [
        stable('2.3.2', 28 * MB),
        stable('2.4.0', 30 * MB),
        stable('2.5.0', 31 * MB),
        staging(
          '2.6.0-beta',
          33 * MB,
          'video-recording 2.6.0-beta did not start: it needs opencv-native 4.10.0 and 4.9.0 is active.',
        ),
      ],
      dependentTasks: ['Recording: 16 cameras'],
    },
    {
      name: 'modbus',
      kind: 'module',
      description: 'Reads and writes Modbus devices (gates, relays, HVAC).',
      optional: true,
      installed: '1.3.2',
      versions: [stable('1.2.0', 4 * MB), stable('1.3.2', 5 * MB), stable('1.4.0', 5 * MB)],
      dependentTasks: ['Gate controller polling', 'HVAC alarm relay'],
    },
    {
      name: 'opencv-native',
      kind: 'dependency',
      description: 'Native computer-vision libraries used by detection modules.',
      optional: false,
      installed: '4.9.0',
      versions: [stable('4.8.1', 58 * MB), stable('4.9.0', 60 * MB), stable('4.10.0', 62 * MB)],
      dependentTasks: [],
    },
    {
      name: 'person-detector',
      kind: 'model',
      description: 'Detects people in video for automation rules.',
      optional: true,
      installed: '1.1.0',
      versions: [
        stable('1.0.0', 170 * MB),
        stable('1.1.0', 180 * MB),
        stable('1.2.0', 185 * MB),
        staging('2.0.0-hd', Math.round(1.2 * GB)),
      ],
      dependentTasks: ['Person detection at Gate 2'],
    },
  ];
}

/** The demo's two servers: one registered, one not. */
export function demoServers(): ServerSeed[] {
  const all = catalogue();
  return [
    {
      id: 'srv-7f3a9c21',
      name: 'Warehouse NVR',
      registered: true,
      online: true,
      platform: 'linux',
      diskFreeBytes: Math.round(1.5 * GB),
      firstRun: false,
      criticalWork: ['Recording 16 cameras', 'Automation task “Night perimeter”'],
      modules: all,
      customer: 'nordic',
    },
    {
      id: 'srv-0b44e810',
      name: 'Reception PC',
      registered: false,
      online: true,
      platform: 'windows',
      diskFreeBytes: 40 * GB,
      firstRun: false,
      criticalWork: [],
      modules: all.filter((module) => module.kind === 'core' || module.name === 'video-recording'),
      customer: 'harbour',
    },
  ];
}

/** A freshly provisioned server with no module information (the `large` scenario adds it). */
export function firstRunServer(): ServerSeed {
  return {
    id: 'srv-5c19e7d0',
    name: 'New kiosk',
    registered: true,
    online: true,
    platform: 'windows',
    diskFreeBytes: 20 * GB,
    firstRun: true,
    criticalWork: [],
    customer: 'alpine',
    modules: catalogue().map((module) => ({
      ...module,
      installed: null,
      target: module.optional
        ? null
        : (module.versions[module.versions.length - 2]?.version ?? null),
    })),
  };
}
