/**
 * `npm run idp`: the test OpenID provider (idp.ts) over HTTP, for tests and local trying
 * only — its keys and people are made up at every start.
 *
 *   npm run idp -- --port 8191 --console http://127.0.0.1:4173/ [--console …] [--access-token-ttl 600]
 *
 * Each `--console` is a console address (with its mount path) the provider accepts as
 * `<address>auth/callback` and as the address after sign-out.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import {
  checkConsoleAddress,
  checkHost,
  checkPort,
  checkPositiveInteger,
  OptionError,
} from '../../scripts/server-options';
import { createIdp, IDP_CLIENT, IDP_PEOPLE } from './idp';

try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8191' },
      host: { type: 'string', default: '127.0.0.1' },
      console: { type: 'string', multiple: true, default: ['http://127.0.0.1:4173/'] },
      'access-token-ttl': { type: 'string', default: '600' },
    },
  });
  const port = checkPort('--port', values.port);
  const host = checkHost('--host', values.host);
  const consoles = values.console.map((address) => checkConsoleAddress('--console', address));
  const issuer = `http://${host}:${port}`;
  const idp = createIdp({
    issuer,
    consoles,
    accessTokenTtl: checkPositiveInteger(
      '--access-token-ttl',
      values['access-token-ttl'],
      'seconds',
    ),
  });
  createServer(idp.listener).listen(port, host, () => {
    console.log(`Test OpenID provider (tests and local trying only) at ${issuer}`);
    // Its made-up secret is in the README's command: none goes to a log, even a test one.
    console.log(`  client: ${IDP_CLIENT.id} (README, "Sign in with your identity provider")`);
    console.log(`  callbacks: ${consoles.map((c) => `${c}auth/callback`).join(', ')}`);
    for (const person of IDP_PEOPLE) {
      console.log(
        `  ${person.username} (password ${person.username}): ${person.name}, groups ${person.groups.join(', ')}`,
      );
    }
  });
} catch (error) {
  console.error(
    error instanceof OptionError || error instanceof Error ? error.message : String(error),
  );
  process.exit(2);
}
