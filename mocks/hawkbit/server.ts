/**
 * `npm run hawkbit-standin`: the hawkBit stand-in (standin.ts) over HTTP, for tests and
 * demos only — never a hawkBit to run devices on.
 *
 *   npm run hawkbit-standin -- --port 8180 --host 127.0.0.1 --scenario demo|large [--clock-control]
 *     [--oidc-issuer http://127.0.0.1:8191]
 *
 * `--oidc-issuer` plays a hawkBit configured for that OpenID provider: a bearer token's user
 * is whom the provider's userinfo names, mapped to a stand-in user (STANDIN_OIDC_USERS).
 * `--clock-control` (tests only) lets a test move the stand-in's clock on, so that its panels
 * install hours of updates at once: `POST /standin/clock` with `{"advanceMinutes": 60}`.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { checkHost, checkOrigin, checkPort, OptionError } from '../../scripts/server-options';
import { isScenarioName } from '../fleet/scenario-names';
import { createStandin, oidcBearerUsers } from './standin';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8180' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'demo' },
      'clock-control': { type: 'boolean', default: false },
      'oidc-issuer': { type: 'string' },
    },
  });
  if (!isScenarioName(values.scenario)) {
    fail(`--scenario: unknown scenario "${values.scenario}". Use demo, large or empty.`);
  }
  const port = checkPort('--port', values.port);
  const host = checkHost('--host', values.host);
  let ahead = 0;
  const issuer = values['oidc-issuer']
    ? checkOrigin('--oidc-issuer', values['oidc-issuer'])
    : undefined;
  const standin = createStandin({
    scenario: values.scenario,
    now: () => Date.now() + ahead,
    ...(issuer ? { bearer: oidcBearerUsers(issuer) } : {}),
  });
  /** `POST /standin/clock`: moves the clock on by `advanceMinutes` (with --clock-control). */
  function clock(method: string | undefined, body: Buffer): Response {
    if (method !== 'POST') return Response.json({ message: 'POST the minutes.' }, { status: 405 });
    let minutes: unknown;
    try {
      minutes = (JSON.parse(body.toString('utf8')) as { advanceMinutes?: unknown }).advanceMinutes;
    } catch {
      minutes = undefined;
    }
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      return Response.json(
        { message: 'Send {"advanceMinutes": n}, n a number of minutes ≥ 0.' },
        { status: 400 },
      );
    }
    ahead += minutes * 60_000;
    return Response.json({ now: new Date(Date.now() + ahead).toISOString() });
  }
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const body = Buffer.concat(chunks);
      const request = new Request(`http://${host}:${port}${incoming.url ?? '/'}`, {
        method: incoming.method ?? 'GET',
        headers,
        ...(body.length > 0 && incoming.method !== 'GET' && incoming.method !== 'HEAD'
          ? { body: new Uint8Array(body) }
          : {}),
      });
      const answer =
        values['clock-control'] && new URL(request.url).pathname === '/standin/clock'
          ? Promise.resolve(clock(incoming.method, body))
          : standin.handle(request);
      answer
        .then(async (response) => {
          const answer = Buffer.from(await response.arrayBuffer());
          outgoing.writeHead(response.status, Object.fromEntries(response.headers));
          outgoing.end(answer);
        })
        .catch((error: unknown) => {
          console.error(error);
          outgoing.writeHead(500, { 'Content-Type': 'application/json' });
          outgoing.end(
            JSON.stringify({
              errorCode: 'hawkbit.standin.failed',
              message: 'The stand-in failed.',
            }),
          );
        });
    });
  });
  server.listen(port, host, () => {
    console.log(
      `hawkBit stand-in (${values.scenario}, tests and demos only) at http://${host}:${port}/rest/v1 — users admin, operator, viewer (password = name)`,
    );
  });
} catch (error) {
  if (error instanceof OptionError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
}
