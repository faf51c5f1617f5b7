/**
 * Signing in with a hawkBit user: the user name and password are checked by hawkBit itself
 * (`GET /rest/v1/userinfo` with them), its permissions give what the user may do in the
 * console (roles.ts), and the credentials are kept, sealed, in the session, so that the
 * console's server calls hawkBit as that user and hawkBit enforces its own permissions.
 */
import { RefusedError } from '../../contract/refusal';
import type { Directory } from '../../contract/store-gate';
import type { BackendAccess } from '../../ports/backend';
import type { HawkbitClient } from './client';
import { consoleAccess } from './roles';

interface UserInfo {
  tenant?: string;
  username?: string;
  permissions?: string[];
}

/**
 * Where operators sign in with the organisation's identity provider and hawkBit is
 * configured for the same one: what hawkBit lets the holder of this access token do, from
 * its own `userinfo`; refused (403) with hawkBit's words where it lets them do nothing.
 */
export function hawkbitAccess(client: HawkbitClient): BackendAccess {
  return async ({ username, bearer }) => {
    let info: UserInfo;
    try {
      info = await client.get<UserInfo>('/rest/v1/userinfo', { username, bearer });
    } catch (error) {
      if (error instanceof RefusedError && error.status === 401) {
        throw new RefusedError(
          403,
          'no_console_access',
          'hawkBit does not accept your sign-in: it may not be configured for this identity provider, or knows no user for you. Ask a hawkBit administrator.',
        );
      }
      throw error;
    }
    const access = consoleAccess(info.permissions ?? []);
    if (!access.allowed) throw new RefusedError(403, 'no_console_access', access.reason);
    return { role: access.role, permissions: access.permissions };
  };
}

export function hawkbitDirectory(client: HawkbitClient): Directory {
  return {
    async verify(username, password) {
      let info: UserInfo;
      try {
        info = await client.get<UserInfo>('/rest/v1/userinfo', { username, password });
      } catch (error) {
        // A wrong user name or password: the gate says so, and counts the refusal.
        if (error instanceof RefusedError && error.status === 401) return undefined;
        throw error;
      }
      const access = consoleAccess(info.permissions ?? []);
      if (!access.allowed) throw new RefusedError(403, 'no_console_access', access.reason);
      return {
        operator: { id: `hawkbit:${username}`, name: info.username ?? username },
        role: access.role,
        permissions: access.permissions,
        secret: { username, password },
      };
    },
    // hawkBit names no user without their password: a refusal names what was typed.
    find: () => Promise.resolve(undefined),
  };
}
