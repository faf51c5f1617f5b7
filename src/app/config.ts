import { z } from 'zod/mini';
import '@/lib/zod-messages';

/** `config.json` beside index.html: one build, configured per deployment. */
export const RuntimeConfig = z.object({
  apiBaseUrl: z._default(z.string().check(z.minLength(1)), '/api'),
  mockApi: z._default(z.boolean(), false),
  embedAllowedOrigins: z._default(z.array(z.url()), []),
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
