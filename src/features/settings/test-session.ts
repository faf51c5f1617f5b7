import { ROLE_PERMISSIONS } from '@/api/permissions';
import type { Session } from '@/api/session';

/** Ada, administrator of every customer, on a server that serves Settings: for its tests. */
export const adminSession: Session = {
  operator: { id: 'op-ada', name: 'Ada Novak' },
  role: 'administrator',
  permissions: [...ROLE_PERMISSIONS.administrator],
  csrfToken: 'csrf-ada',
  capabilities: {
    areas: ['devices', 'sites', 'servers', 'rollouts', 'activity', 'settings'],
    signOut: true,
  },
};
