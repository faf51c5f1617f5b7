/**
 * `npm run mock-server`: the built-in fleet as a standalone HTTP server, for clients other
 * than the console (a portal's own tests, curl, a backend team checking the contract).
 *
 *   npm run mock-server -- --port 8787 --scenario demo --faults 0 --latency 0
 */
import { parseArgs } from 'node:util';
import { isScenarioName } from './fleet/scenario-names';
import { startFleetServer } from './http-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    scenario: { type: 'string', default: 'demo' },
    faults: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
  },
});

if (!isScenarioName(values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}". Use demo, large or empty.`);
  process.exit(2);
}

const server = await startFleetServer({
  port: Number(values.port),
  host: values.host,
  scenario: values.scenario,
  faults: {
    faults: Math.min(1, Math.max(0, Number(values.faults) || 0)),
    latency: Math.max(0, Number(values.latency) || 0),
  },
});
console.log(
  `Built-in fleet (${values.scenario}) answering at ${server.origin}/api — OpenAPI at ${server.origin}/openapi.json`,
);
