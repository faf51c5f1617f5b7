// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBuild } from './http-test-support';
import {
  OptionError,
  checkBase,
  checkBuildFolder,
  checkConfigOverride,
  checkFrameAncestors,
  checkHost,
  checkOrigin,
  checkPort,
} from './server-options';

function refusal(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    if (error instanceof OptionError) return error.message;
    throw error;
  }
  throw new Error('The option was taken.');
}

describe('server options', () => {
  it('take CSP sources for frame-ancestors, and name what is wrong otherwise', () => {
    expect(checkFrameAncestors('--frame-ancestors', "'self'  https://portal.example")).toBe(
      "'self' https://portal.example",
    );
    expect(checkFrameAncestors('--frame-ancestors', "'none'")).toBe("'none'");
    expect(
      checkFrameAncestors('--frame-ancestors', 'https://*.example.com:8443 http://localhost:4176'),
    ).toBe('https://*.example.com:8443 http://localhost:4176');
    expect(
      refusal(() => checkFrameAncestors('--frame-ancestors', '‘self’ https://a.example')),
    ).toMatch(/^--frame-ancestors .*typographic quotes.*'self'/);
    expect(refusal(() => checkFrameAncestors('--frame-ancestors', "'self'; script-src *"))).toMatch(
      /--frame-ancestors .*"'self';" is not one/,
    );
    expect(
      refusal(() => checkFrameAncestors('--frame-ancestors', 'https://bücher.example')),
    ).toMatch(/--frame-ancestors/);
    expect(refusal(() => checkFrameAncestors('--frame-ancestors', "'none' 'self'"))).toMatch(
      /'none' stands alone/,
    );
    expect(refusal(() => checkFrameAncestors('--frame-ancestors', ''))).toMatch(
      /--frame-ancestors/,
    );
  });

  it('take ASCII host names and IP addresses, and tell a non-ASCII name its ASCII form', () => {
    expect(checkHost('--host', '127.0.0.1')).toBe('127.0.0.1');
    expect(checkHost('--host', '::1')).toBe('::1');
    expect(checkHost('--host', 'console.example')).toBe('console.example');
    expect(refusal(() => checkHost('--host', 'bücher.example'))).toBe(
      '--host takes an ASCII host name: write "bücher.example" as "xn--bcher-kva.example".',
    );
    expect(refusal(() => checkHost('--host', 'a b'))).toMatch(/^--host takes an IP address/);
  });

  it('take a mount path of plain characters only', () => {
    expect(checkBase('--base', '/tools/console/')).toBe('/tools/console/');
    expect(refusal(() => checkBase('--base', '/konsole-ü/'))).toMatch(/^--base takes a path/);
    expect(refusal(() => checkBase('--base', '/a/../b/'))).toMatch(/^--base/);
    expect(refusal(() => checkBase('--base', '/a"b/'))).toMatch(/^--base/);
  });

  it('take origins with nothing after them', () => {
    expect(checkOrigin('--allow-origin', 'https://portal.example/')).toBe('https://portal.example');
    expect(checkOrigin('--allow-origin', 'https://bücher.example')).toBe(
      'https://xn--bcher-kva.example',
    );
    for (const value of ['*', 'null', 'https://portal.example/x', 'ftp://a.example', 'portal']) {
      expect(refusal(() => checkOrigin('--allow-origin', value))).toMatch(/^--allow-origin takes/);
    }
    expect(refusal(() => checkOrigin('--api', 'https://api.example', ['http:']))).toMatch(
      /^--api speaks plain HTTP/,
    );
  });

  it('take ports, and JSON objects for --config', () => {
    expect(checkPort('--port', '0')).toBe(0);
    expect(checkPort('--port', '8080')).toBe(8080);
    for (const value of ['65536', '-1', '80a', '']) {
      expect(refusal(() => checkPort('--port', value))).toMatch(/^--port takes a port number/);
    }
    expect(checkConfigOverride('--config', '{"mockApi":false}')).toEqual({ mockApi: false });
    expect(refusal(() => checkConfigOverride('--config', '[1]'))).toMatch(/JSON object/);
    expect(refusal(() => checkConfigOverride('--config', '{'))).toMatch(/not valid JSON/);
  });
});

describe('the folder to serve', () => {
  const builds: ReturnType<typeof tempBuild>[] = [];
  afterAll(() => builds.forEach((build) => build.remove()));

  it('must be a build: index.html, and no repository or package inside', () => {
    const build = tempBuild();
    builds.push(build);
    expect(checkBuildFolder('--dir', build.dir)).toBe(build.dir);
    mkdirSync(join(build.dir, '.git'));
    expect(refusal(() => checkBuildFolder('--dir', build.dir))).toMatch(
      /^--dir: .* holds \.git, so it is a project folder, not a build/,
    );
    const bare = tempBuild();
    builds.push(bare);
    writeFileSync(join(bare.dir, 'package.json'), '{}');
    expect(refusal(() => checkBuildFolder('--dir', bare.dir))).toMatch(/holds package\.json/);
    expect(refusal(() => checkBuildFolder('--dir', join(bare.dir, 'missing')))).toMatch(
      /is not a folder/,
    );
  });

  it('stops `npm run serve` before it listens, naming the option (exit code 2)', () => {
    const build = tempBuild();
    builds.push(build);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/serve.ts',
        '--dir',
        build.dir,
        '--port',
        '0',
        '--frame-ancestors',
        '‘self’',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--frame-ancestors takes CSP sources/);
    expect(run.stdout).not.toMatch(/Fleet Update Console at/);
  });

  it('stops `npm run serve -- --backend` with a wrong setting before it opens a database', () => {
    const build = tempBuild();
    builds.push(build);
    const serve = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/serve.ts', '--dir', build.dir, '--port', '0', ...args],
        { encoding: 'utf8', timeout: 60_000 },
      );
    const cases: [string[], RegExp][] = [
      [['--backend', 'hawkbat'], /--backend: unknown backend "hawkbat"/],
      [['--backend', 'fleet', '--api', 'http://127.0.0.1:9'], /--backend and --api exclude/],
      [['--backend', 'fleet', '--scenario', 'huge'], /--scenario: unknown scenario "huge"/],
      [
        ['--backend', 'fleet', '--database', 'mysql://db/fleet'],
        /--database takes a PostgreSQL URL/,
      ],
      [
        ['--backend', 'fleet', '--database', 'postgres://fleet:s3cret@127.0.0.1:9/fleet'],
        /--database: PostgreSQL at 127\.0\.0\.1:9\/fleet could not be opened .*Check that it runs/,
      ],
      [['--oidc-issuer', 'https://login.example'], /--oidc-issuer needs the console's own API/],
      [
        ['--backend', 'fleet', '--oidc-issuer', 'login.example'],
        /--oidc-issuer takes the provider's issuer, an https URL/,
      ],
      [
        ['--backend', 'fleet', '--oidc-issuer', 'https://login.example'],
        /--oidc-issuer needs --oidc-client-id and --oidc-client-secret/,
      ],
      [['--backend', 'fleet', '--oidc-client-id', 'console'], /need --oidc-issuer/],
      [
        [
          '--backend',
          'fleet',
          '--oidc-issuer',
          'https://login.example',
          '--oidc-client-id',
          'c',
          '--oidc-client-secret',
          's3cret',
          '--oidc-roles',
          'boss=admins',
        ],
        /--oidc-roles takes role=value pairs/,
      ],
      [
        [
          '--backend',
          'fleet',
          '--oidc-issuer',
          'http://127.0.0.1:9',
          '--oidc-client-id',
          'c',
          '--oidc-client-secret',
          's3cret',
        ],
        /^--oidc-issuer: the provider's discovery document at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration could not be read/,
      ],
      [
        [
          '--api',
          'http://127.0.0.1:9',
          '--oidc-issuer',
          'http://127.0.0.1:9',
          '--oidc-client-id',
          'c',
          '--oidc-client-secret',
          's3cret',
        ],
        /^--oidc-issuer: the provider's discovery document/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = serve(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toMatch(/Fleet Update Console at/);
      expect(run.stderr).not.toMatch(/s3cret/);
    }
    // Twelve servers started one after another: on a busy 2-core machine, well over 30 s.
  }, 180_000);
});
