import { describe, expect, it } from 'vitest';
import { detectBasePath } from './base-path';

describe('detectBasePath', () => {
  it.each([
    ['/', ''],
    ['/devices', ''],
    ['/firmware/Nord%20GSM', ''],
    ['/servers/srv-1', ''],
    ['/index.html', ''],
    ['/nowhere', ''],
    ['/tools/console/', '/tools/console'],
    ['/tools/console/index.html', '/tools/console'],
    ['/tools/console/devices', '/tools/console'],
    ['/tools/console/firmware/Nord%20GSM', '/tools/console'],
    ['/tools/console/nowhere', '/tools/console'],
  ])('mounts %s at "%s"', (pathname, expected) => {
    expect(detectBasePath(pathname)).toBe(expected);
  });
});
