/**
 * `npm run mock-server`: the built-in fleet as a standalone HTTP server, for clients other
 * than the console (a portal's own tests, curl, a backend team checking the contract).
 *
 *   npm run mock-server -- --port 8787 --scenario demo --faults 0 --latency 0 \
 *     --allow-origin https://portal.example --max-body 1048576 --role operator --auth cookie
 *
 * `--role` (viewer, operator, administrator; `operator:nordic` for one customer) is who signs in; `--auth` is how: `cookie` (the
 * session's CSRF token in `X-CSRF-Token` on every change) or `bearer` (any token, until the
 * session is expired with `DELETE /api/simulation/session`).
 *
 * Browsers may call it only from its own origin and from each `--allow-origin` (CORS, never
 * `*`); changes take `application/json` bodies up to `--max-body` bytes (415 and 413 otherwise).
 */
import { parseArgs } from 'node:util';
import {
  OptionError,
  checkHost,
  checkOrigin,
  checkPort,
  checkPositiveInteger,
} from '../scripts/server-options';
import { fleetGrant, GRANT_WORDS } from './fleet/customers';
import { isScenarioName } from './fleet/scenario-names';
import { DEFAULT_MAX_BODY_BYTES, startFleetServer } from './http-server';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** A number in [min, max], or the option's refusal. */
function numberIn(option: string, value: string, min: number, max: number, what: string): number {
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    throw new OptionError(`${option} takes ${what}, not "${value}".`);
  }
  return number;
}

try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'demo' },
      role: { type: 'string', default: 'administrator' },
      auth: { type: 'string', default: 'cookie' },
      faults: { type: 'string', default: '0' },
      latency: { type: 'string', default: '0' },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'max-body': { type: 'string', default: String(DEFAULT_MAX_BODY_BYTES) },
    },
  });
  const grant = fleetGrant(values.role);
  if (!grant) fail(`--role: unknown role "${values.role}". Use ${GRANT_WORDS}.`);
  if (values.auth !== 'cookie' && values.auth !== 'bearer') {
    fail(`--auth: unknown mode "${values.auth}". Use cookie or bearer.`);
  }
  if (!isScenarioName(values.scenario)) {
    fail(`--scenario: unknown scenario "${values.scenario}". Use demo, large or empty.`);
  }
  const server = await startFleetServer({
    port: checkPort('--port', values.port),
    host: checkHost('--host', values.host),
    scenario: values.scenario,
    session: { ...grant, auth: values.auth },
    faults: {
      faults: numberIn('--faults', values.faults, 0, 1, 'a share of calls from 0 to 1'),
      latency: numberIn('--latency', values.latency, 0, 60_000, 'milliseconds from 0 to 60000'),
    },
    allowOrigins: values['allow-origin'].map((given) => checkOrigin('--allow-origin', given)),
    maxBodyBytes: checkPositiveInteger('--max-body', values['max-body'], 'bytes'),
  });
  console.log(
    `Built-in fleet (${values.scenario}) answering at ${server.origin}/api — OpenAPI at ${server.origin}/openapi.json`,
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
