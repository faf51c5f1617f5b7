// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createStandin } from '../../../mocks/hawkbit/standin';
import { hawkbitClient } from './client';
import { hawkbitDirectory } from './directory';

const standin = createStandin({ scenario: 'empty' });
const directory = hawkbitDirectory(
  hawkbitClient({ baseUrl: 'http://hawkbit.local', fetch: (request) => standin.handle(request) }),
);

describe('signing in with a hawkBit user', () => {
  it('lets hawkBit check the password, and reads the role from its permissions', async () => {
    expect(await directory.verify('viewer', 'viewer')).toMatchObject({
      role: 'viewer',
      permissions: [],
    });
    const admin = await directory.verify('admin', 'admin');
    expect(admin).toMatchObject({
      operator: { id: 'hawkbit:admin', name: 'admin' },
      role: 'administrator',
      secret: { username: 'admin', password: 'admin' },
    });
    expect(await directory.verify('operator', 'wrong')).toBeUndefined();
  });
});
