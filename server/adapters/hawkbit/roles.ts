/**
 * What a hawkBit user may do in the console, from the permissions hawkBit gives them
 * (`GET /rest/v1/userinfo`; `SpPermission` in hawkBit's source). Each console permission
 * needs every hawkBit permission of its row, so the console never offers what hawkBit would
 * refuse; hawkBit checks them again itself, since the console's server calls it as that user.
 *
 * | console permission    | hawkBit permissions                                    |
 * | --------------------- | ------------------------------------------------------ |
 * | (any use)             | READ_TARGET                                            |
 * | change-schedules      | UPDATE_TARGET                                          |
 * | update-devices        | UPDATE_TARGET, READ_REPOSITORY                         |
 * | update-sites          | UPDATE_TARGET, READ_REPOSITORY, CREATE_ROLLOUT, HANDLE_ROLLOUT |
 * | cancel-site-updates   | UPDATE_TARGET                                          |
 * | change-servers        | UPDATE_TARGET, CREATE_REPOSITORY, UPDATE_REPOSITORY    |
 * | upgrade-servers       | UPDATE_TARGET, READ_REPOSITORY                         |
 * | manage-tokens         | (not on hawkBit)                                       |
 * | manage-webhooks       | (not on hawkBit)                                       |
 * | approve-changes       | (not on hawkBit: the console's approvals are not served there) |
 * | change-approval-rules | (not on hawkBit)                                       |
 * | change-freezes        | (not on hawkBit: it has no change freezes)             |
 * | override-freezes      | (not on hawkBit)                                       |
 * | recall-versions       | (not on hawkBit yet: its counterpart is invalidating a distribution set) |
 *
 * The role shown is the highest whose permissions they all hold (administrator, operator),
 * else viewer.
 */
import {
  Permission,
  ROLE_PERMISSIONS,
  type Permission as PermissionName,
  type Role,
} from '../../../src/api/permissions';

/** null: not served on hawkBit (API tokens: a token holds no hawkBit user to call it as). */
export const HAWKBIT_NEEDS: Readonly<Record<PermissionName, readonly string[] | null>> = {
  'change-schedules': ['UPDATE_TARGET'],
  'update-devices': ['UPDATE_TARGET', 'READ_REPOSITORY'],
  'update-sites': ['UPDATE_TARGET', 'READ_REPOSITORY', 'CREATE_ROLLOUT', 'HANDLE_ROLLOUT'],
  'cancel-site-updates': ['UPDATE_TARGET'],
  'change-servers': ['UPDATE_TARGET', 'CREATE_REPOSITORY', 'UPDATE_REPOSITORY'],
  'upgrade-servers': ['UPDATE_TARGET', 'READ_REPOSITORY'],
  'manage-tokens': null,
  'manage-webhooks': null,
  'approve-changes': null,
  'change-approval-rules': null,
  'change-freezes': null,
  'override-freezes': null,
  'recall-versions': null,
};

export type ConsoleAccess =
  { allowed: true; role: Role; permissions: PermissionName[] } | { allowed: false; reason: string };

export function consoleAccess(hawkbitPermissions: readonly string[]): ConsoleAccess {
  const held = new Set(hawkbitPermissions);
  if (!held.has('READ_TARGET')) {
    return {
      allowed: false,
      reason:
        'Your hawkBit user may not read targets (READ_TARGET), so the console has nothing to show. Ask a hawkBit administrator for it.',
    };
  }
  const permissions = Permission.options.filter((permission) =>
    HAWKBIT_NEEDS[permission]?.every((needed) => held.has(needed)),
  );
  const holds = (role: Role) =>
    ROLE_PERMISSIONS[role].every(
      (permission) => HAWKBIT_NEEDS[permission] === null || permissions.includes(permission),
    );
  const role: Role = holds('administrator')
    ? 'administrator'
    : holds('operator')
      ? 'operator'
      : 'viewer';
  return { allowed: true, role, permissions };
}
