/**
 * `npm run mock-server`: the built-in fleet as a standalone HTTP server, for clients other
 * than the console (a portal's own tests, curl, a backend team checking the contract).
 *
 *   npm run mock-server -- --port 8787 --scenario demo --faults 0 --latency 0 \
 *     --allow-origin https://portal.example --max-body 1048576 --role operator --auth cookie
 *
 * `--role` (viewer, operator, administrator) is who signs in; `--auth` is how: `cookie` (the
 * session's CSRF token in `X-CSRF-Token` on every change) or `bearer` (any token, until the
 * session is expired with `DELETE /api/simulation/session`).
 *
 * Browsers may call it only from its own origin and from each `--allow-origin` (CORS, never
 * `*`); changes take `application/json` bodies up to `--max-body` bytes (415 and 413 otherwise).
 */
import { parseArgs } from 'node:util';
import { Role } from '../src/api/permissions';
import { isScenarioName } from './fleet/scenario-names';
import { DEFAULT_MAX_BODY_BYTES, startFleetServer } from './http-server';

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

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const allowOrigins = values['allow-origin'].map((given) => {
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== given.replace(/\/$/, '')) {
    fail(`--allow-origin takes an origin such as https://portal.example, not "${given}".`);
  }
  return url.origin;
});
const maxBodyBytes = Number(values['max-body']);
if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
  fail('--max-body takes a whole number of bytes above 0.');
}

const role = Role.safeParse(values.role);
if (!role.success) fail(`Unknown role "${values.role}". Use viewer, operator or administrator.`);
if (values.auth !== 'cookie' && values.auth !== 'bearer') {
  fail(`Unknown auth mode "${values.auth}". Use cookie or bearer.`);
}

if (!isScenarioName(values.scenario)) {
  fail(`Unknown scenario "${values.scenario}". Use demo, large or empty.`);
}

const server = await startFleetServer({
  port: Number(values.port),
  host: values.host,
  scenario: values.scenario,
  session: { role: role.data, auth: values.auth },
  faults: {
    faults: Math.min(1, Math.max(0, Number(values.faults) || 0)),
    latency: Math.max(0, Number(values.latency) || 0),
  },
  allowOrigins,
  maxBodyBytes,
});
console.log(
  `Built-in fleet (${values.scenario}) answering at ${server.origin}/api — OpenAPI at ${server.origin}/openapi.json`,
);
