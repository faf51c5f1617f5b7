import { demoDevices, largeDevices, type DeviceSeed } from './device-seeds';
import type { ScenarioName } from './scenario-names';
import { demoServers, firstRunServer, type ServerSeed } from './server-seeds';
import {
  demoSites,
  largeSites,
  nordGsm,
  otherTypes,
  type AfterReboot,
  type DeviceTypeSeed,
  type SiteSeed,
} from './site-seeds';

export { isScenarioName, scenarioNames, type ScenarioName } from './scenario-names';

/** The scenarios the built-in fleet can start: their devices, sites and servers, by seed file. */
export interface Scenario {
  name: ScenarioName;
  devices: DeviceSeed[];
  deviceTypes: DeviceTypeSeed[];
  sites: SiteSeed[];
  servers: ServerSeed[];
}

/** A scenario whose named sites' first reboot goes wrong so (a test's hook). */
export function withAfterReboot(
  scenario: Scenario,
  afterReboot: Readonly<Record<number, AfterReboot>> | undefined,
): Scenario {
  if (!afterReboot) return scenario;
  return {
    ...scenario,
    sites: scenario.sites.map((site) => {
      const after = afterReboot[site.number];
      return after ? { ...site, afterReboot: after } : site;
    }),
  };
}

export function buildScenario(name: ScenarioName): Scenario {
  switch (name) {
    case 'demo':
      return {
        name,
        devices: demoDevices(),
        deviceTypes: [nordGsm, ...otherTypes],
        sites: demoSites(),
        servers: demoServers(),
      };
    case 'large':
      return {
        name,
        devices: largeDevices(100_000),
        // Over 10,000 sites, some downloads arrive damaged and must be retried, and a few
        // sites come back on their old image after the reboot, or do not report at all.
        deviceTypes: [
          { ...nordGsm, integrityFailureShare: 0.05, fallBackShare: 0.01, noReportShare: 0.005 },
          ...otherTypes,
        ],
        sites: [...largeSites(), ...demoSites().filter((site) => site.deviceType !== 'Nord GSM')],
        servers: [...demoServers(), firstRunServer()],
      };
    case 'empty':
      return { name, devices: [], deviceTypes: [], sites: [], servers: [] };
  }
}
