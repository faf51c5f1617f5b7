/**
 * The checks every server option passes before anything listens (`npm run serve`,
 * `npm run mock-server`): each returns the value to use, or throws an `OptionError` whose
 * message names the option and says what it takes. Nothing that reaches a header, a
 * `listen()` or the file system is used unchecked, so no setting can crash a server at its
 * first request.
 */
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { domainToASCII } from 'node:url';

export class OptionError extends Error {}

function refuse(message: string): never {
  throw new OptionError(message);
}

/** A TCP port: 0 (any free port) to 65535. */
export function checkPort(option: string, value: string | number): number {
  const port = typeof value === 'number' ? value : /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    refuse(`${option} takes a port number from 0 to 65535, not "${String(value)}".`);
  }
  return port;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** An IP address or an ASCII host name (a non-ASCII one is told its `xn--` form). */
export function checkHost(option: string, value: string): string {
  if (isIP(value) !== 0) return value;
  if (value.length <= 253 && value.split('.').every((label) => LABEL.test(label))) return value;
  const ascii = /[^\x20-\x7e]/.test(value) ? domainToASCII(value) : '';
  refuse(
    ascii
      ? `${option} takes an ASCII host name: write "${value}" as "${ascii}".`
      : `${option} takes an IP address or a host name such as 127.0.0.1 or console.example, not "${value}".`,
  );
}

/** A positive whole number (milliseconds, bytes). */
export function checkPositiveInteger(option: string, value: string, unit: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number <= 0) {
    refuse(`${option} takes a whole number of ${unit} above 0, not "${value}".`);
  }
  return number;
}

/**
 * An `http(s)` origin with nothing after it: `https://portal.example`, never `*`, `null` or a
 * path. A non-ASCII host comes back in its ASCII (`xn--`) form, fit for a header.
 */
export function checkOrigin(option: string, value: string, schemes = ['http:', 'https:']): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const bare = value.replace(/\/$/, '');
  if (url && !schemes.includes(url.protocol)) {
    refuse(
      schemes.includes('https:')
        ? `${option} takes an http or https origin, not "${value}".`
        : `${option} speaks plain HTTP: give an http:// origin, or put a TLS proxy in front, not "${value}".`,
    );
  }
  if (
    !url ||
    url.username !== '' ||
    url.password !== '' ||
    `${url.pathname}${url.search}${url.hash}` !== '/' ||
    !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(bare)
  ) {
    const example = schemes.includes('https:') ? 'https://portal.example' : 'http://127.0.0.1:8787';
    refuse(`${option} takes an origin such as ${example} (no path), not "${value}".`);
  }
  return url.origin;
}

/** The mount path: letters, digits and `- . _ ~` between slashes; `..` never. */
export function checkBase(option: string, value: string): string {
  const segments = value.split('/').filter(Boolean);
  if (
    !/^[A-Za-z0-9._~/-]*$/.test(value) ||
    segments.some((segment) => segment === '.' || segment === '..')
  ) {
    refuse(
      `${option} takes a path made of letters, digits and - . _ ~ between slashes, such as /tools/console/, not "${value}".`,
    );
  }
  return value;
}

const KEYWORD = /^'(?:self|none)'$/;
const SCHEME_SOURCE = /^[a-z][a-z0-9+.-]*:$/i;
const HOST_SOURCE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[A-Za-z0-9._~!$&'()*+=:@%/-]*)?$/i;

/**
 * The `frame-ancestors` source list: `'self'`, `'none'` (alone), schemes (`https:`) and hosts
 * (`https://portal.example`, `https://*.example.com:8443`), separated by spaces.
 */
export function checkFrameAncestors(option: string, value: string): string {
  const sources = value
    .trim()
    .split(/[ \t]+/)
    .filter(Boolean);
  const typographic = /[‘’“”]/.test(value);
  const bad = sources.find(
    (source) => !KEYWORD.test(source) && !SCHEME_SOURCE.test(source) && !HOST_SOURCE.test(source),
  );
  if (sources.length === 0 || bad !== undefined || typographic) {
    refuse(
      `${option} takes CSP sources separated by spaces, such as "'self' https://portal.example"${
        typographic
          ? ": it has typographic quotes (‘ ’); write the keywords with straight ones, as in 'self'"
          : bad !== undefined
            ? `; "${bad}" is not one`
            : ''
      }.`,
    );
  }
  if (sources.includes("'none'") && sources.length > 1) {
    refuse(`${option}: 'none' stands alone; it cannot be combined with other sources.`);
  }
  return sources.join(' ');
}

/** `--config`: a JSON object merged over config.json. */
export function checkConfigOverride(option: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    refuse(`${option} is not valid JSON: ${value}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    refuse(`${option} takes a JSON object such as {"mockApi":false}, not ${value}.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The folder to serve must be a build: it holds `index.html`, and never a repository or a
 * package (a `.git` folder or a `package.json`), whose files are not for the web.
 */
export function checkBuildFolder(option: string, value: string): string {
  const root = resolve(value);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    refuse(`${option}: ${root} is not a folder. Run \`npm run build\` first, or name the build.`);
  }
  if (!existsSync(join(root, 'index.html'))) {
    refuse(`${option}: no build in ${root} (no index.html). Run \`npm run build\` first.`);
  }
  const stray = ['.git', 'package.json'].find((name) => existsSync(join(root, name)));
  if (stray) {
    refuse(
      `${option}: ${root} holds ${stray}, so it is a project folder, not a build. Serve the build (dist/) instead.`,
    );
  }
  return root;
}

/**
 * A console's address as its operators open it: http(s), a host, its mount path (ending with
 * a slash once given), no user, query or fragment. E.g. `https://ops.example/fleet/`.
 */
export function checkConsoleAddress(option: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    refuse(
      `${option} takes the console's address as operators open it, such as https://ops.example/fleet/, not "${value}".`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/?$/, '/')}`;
}
