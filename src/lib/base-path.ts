/** The first path segments of the console's own routes. */
export const routeRoots = ['devices', 'firmware', 'servers'] as const;

/**
 * Where the console is mounted, found from the page's path, so one build works at `/` and
 * under any sub-path (`/tools/console/`), deep links included:
 * - a path with a route segment is mounted just before it (`/tools/console/firmware/X` → `/tools/console`);
 * - otherwise the path's directory is the mount (`/tools/console/` → `/tools/console`,
 *   `/tools/console/index.html` → `/tools/console`, `/nowhere` → ``).
 * Returns `''` for the server root, never a trailing slash.
 */
export function detectBasePath(pathname: string): string {
  const segments = pathname.split('/');
  const routeIndex = segments.findIndex(
    (segment, index) => index > 0 && (routeRoots as readonly string[]).includes(segment),
  );
  const kept = routeIndex > 0 ? segments.slice(0, routeIndex) : segments.slice(0, -1);
  return kept.join('/').replace(/\/+$/, '');
}
