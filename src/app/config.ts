import { z } from 'zod/mini';
import '@/lib/zod-messages';

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** A path on the console's own server (`/api`), or an http(s) URL (`https://api.example/v1`). */
export function isApiBaseUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  const url = parsedUrl(value);
  return (url?.protocol === 'http:' || url?.protocol === 'https:') && url.hostname !== '';
}

/** An http(s) origin and nothing more: `https://portal.example`, never `null` or a path. */
export function isHttpOrigin(value: string): boolean {
  const url = parsedUrl(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return url.origin === value.replace(/\/$/, '');
}

/** `config.json` beside index.html: one build, configured per deployment. */
export const RuntimeConfig = z.object({
  apiBaseUrl: z._default(
    z
      .string()
      .check(
        z.refine(
          isApiBaseUrl,
          'use a path such as /api, or an http(s) URL such as https://api.example/v1',
        ),
      ),
    '/api',
  ),
  mockApi: z._default(z.boolean(), false),
  auth: z._default(
    z.object({
      mode: z._default(z.enum(['cookie', 'bearer']), 'cookie'),
      signInUrl: z._default(
        z.nullable(
          z
            .string()
            .check(
              z.refine(
                isApiBaseUrl,
                'use a path such as /sign-in, or an http(s) URL such as https://id.example/sign-in',
              ),
            ),
        ),
        null,
      ),
    }),
    { mode: 'cookie', signInUrl: null },
  ),
  embedAllowedOrigins: z._default(
    z.array(
      z
        .string()
        .check(
          z.refine(
            isHttpOrigin,
            'use an http(s) origin such as https://portal.example, with no path',
          ),
        ),
    ),
    [],
  ),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads `config.json` from the console's base path. A missing file means the defaults (a
 * real backend at `/api`); an unreadable or invalid one is an error the boot screen shows.
 */
export async function loadConfig(basePath: string): Promise<RuntimeConfig> {
  const url = `${basePath}/config.json`;
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new ConfigError(`Could not load ${url}: the web server did not answer.`, { cause });
  }
  if (response.status === 404) return RuntimeConfig.parse({});
  if (!response.ok) {
    throw new ConfigError(
      `Could not load ${url}: the web server answered HTTP ${response.status}.`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw new ConfigError(`${url} is not valid JSON.`, { cause });
  }
  const parsed = RuntimeConfig.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`${url} has invalid settings (${problems}).`);
  }
  return parsed.data;
}
