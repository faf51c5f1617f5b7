import { z } from 'zod/mini';

/** What an operator may be: each role grants the permissions below (see `ROLE_PERMISSIONS`). */
export const Role = z.enum(['viewer', 'operator', 'administrator']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  operator: 'Operator',
  administrator: 'Administrator',
};

/** One kind of change an operator may be allowed to make. */
export const Permission = z.enum([
  'change-schedules',
  'update-devices',
  'update-sites',
  'cancel-site-updates',
  'change-servers',
  'upgrade-servers',
  'manage-tokens',
  'manage-webhooks',
  'approve-changes',
  'change-approval-rules',
  'change-freezes',
  'override-freezes',
  'recall-versions',
]);
export type Permission = z.infer<typeof Permission>;

/** What each permission lets an operator do, to finish "Your role, Viewer, cannot …". */
export const PERMISSION_WORDS: Record<Permission, string> = {
  'change-schedules': 'change update schedules',
  'update-devices': 'update devices',
  'update-sites': 'update sites',
  'cancel-site-updates': 'cancel site updates',
  'change-servers': 'change server target versions and settings',
  'upgrade-servers': 'start server upgrades',
  'manage-tokens': 'manage API tokens',
  'manage-webhooks': 'manage webhooks',
  'approve-changes': 'approve or deny changes',
  'change-approval-rules': 'change the approval rules',
  'change-freezes': 'add or end change freezes',
  'override-freezes': 'start changes inside a change freeze',
  'recall-versions': 'recall software versions',
};

/**
 * The permissions each role grants in the built-in fleet, and the ones a backend is expected
 * to grant: operators schedule and update devices and sites; only administrators change
 * servers, approve others' changes, set the approval rules, add change freezes, start a change inside one (with a written reason) and recall a version. The console never reads this table: it trusts the session's own `permissions`.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: [],
  operator: ['change-schedules', 'update-devices', 'update-sites', 'cancel-site-updates'],
  administrator: Permission.options,
};

/** Why a role may not make a change: "Your role, Viewer, cannot update sites." */
export function roleCannot(role: Role, permission: Permission): string {
  return `Your role, ${ROLE_LABELS[role]}, cannot ${PERMISSION_WORDS[permission]}.`;
}
