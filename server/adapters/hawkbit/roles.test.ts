// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consoleAccess } from './roles';

const READ = ['READ_TARGET', 'READ_REPOSITORY', 'READ_ROLLOUT'];
const OPERATE = [...READ, 'UPDATE_TARGET', 'CREATE_ROLLOUT', 'HANDLE_ROLLOUT'];

describe("a hawkBit user's permissions in the console", () => {
  it('reads a viewer, an operator and an administrator from what hawkBit grants', () => {
    expect(consoleAccess(READ)).toEqual({ allowed: true, role: 'viewer', permissions: [] });
    expect(consoleAccess(OPERATE)).toMatchObject({ allowed: true, role: 'operator' });
    expect(consoleAccess([...OPERATE, 'CREATE_REPOSITORY', 'UPDATE_REPOSITORY'])).toMatchObject({
      allowed: true,
      role: 'administrator',
    });
  });

  it('offers only what hawkBit would allow: no rollout permission, no site updates', () => {
    const access = consoleAccess([...READ, 'UPDATE_TARGET']);
    expect(access).toEqual({
      allowed: true,
      role: 'viewer',
      permissions: ['change-schedules', 'update-devices', 'cancel-site-updates', 'upgrade-servers'],
    });
  });

  it('says why a user who may not read targets cannot use the console', () => {
    expect(consoleAccess(['READ_REPOSITORY'])).toEqual({
      allowed: false,
      reason: expect.stringContaining('READ_TARGET') as unknown,
    });
  });
});
