import { describe, expect, it } from 'vitest';
import { isConsoleRoute, PortalMessage } from './embed';

const navigate = (route: string) =>
  PortalMessage.safeParse({ protocol: 'fleet-update-console', version: 1, type: 'navigate', route })
    .success;

describe('the portal’s navigate message', () => {
  it.each(['/devices', '/firmware/Nord%20GSM?state=updating', '/servers/srv-1#modules'])(
    'takes a route inside the console: %s',
    (route) => {
      expect(isConsoleRoute(route)).toBe(true);
      expect(navigate(route)).toBe(true);
    },
  );

  it.each([
    '\\devices',
    '/\\evil.example/devices',
    '//evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'devices',
    '/devices\u0000',
    '/dev\nices',
  ])('refuses a route that would leave the console or that the router refuses: %j', (route) => {
    expect(isConsoleRoute(route)).toBe(false);
    expect(navigate(route)).toBe(false);
  });
});
