import type { MeCan } from '@kakera/contracts';
import { isStaffRole } from '@kakera/contracts';

/**
 * Which parts of the site a signed-in person may use, decided once: the
 * header and the pages offer exactly these (`Me.can`). The API checks each
 * action again with its own policy.
 */
export function accountCan(u: { role: 'fan' | 'staff' | 'executive' | 'admin'; suspended: boolean }): MeCan {
  const staff = isStaffRole(u.role) && !u.suspended;
  return {
    staffTools: staff,
    admin: u.role === 'admin' && !u.suspended,
    digest: (u.role === 'executive' || u.role === 'admin') && !u.suspended,
  };
}
