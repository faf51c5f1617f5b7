import { demoDevices, largeDevices, type DeviceSeed } from './device-seeds';
import type { ScenarioName } from './scenario-names';
import { demoServers, firstRunServer, type ServerSeed } from './server-seeds';
import {
  demoSites,
  largeSites,
  nordGsm,
  otherTypes,
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
        // Over 10,000 sites, some downloads arrive damaged and must be retried.
        deviceTypes: [{ ...nordGsm, integrityFailureShare: 0.05 }, ...otherTypes],
        sites: [...largeSites(), ...demoSites().filter((site) => site.deviceType !== 'Nord GSM')],
        servers: [...demoServers(), firstRunServer()],
      };
    case 'empty':
      return { name, devices: [], deviceTypes: [], sites: [], servers: [] };
  }
}
