import { expect, test } from './fixtures';

/**
 * Approvals in the built-in fleet: the same browser signs in as one role after another
 * (`?role=`), the fleet kept between the visits as it is between reloads.
 */
test('an operator’s rollout waits for approval; the operator cannot approve it, an administrator does and it starts', async ({
  page,
}) => {
  await page.goto('/approvals?reset&role=administrator');
  await page.getByRole('button', { name: 'Change the approval rules of the fleet' }).click();
  const rules = page.getByRole('dialog', { name: 'Approval rules of the fleet' });
  await rules.getByRole('checkbox', { name: 'Staged rollouts' }).check();
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Approval rules of the fleet saved: Rollouts need approval; requests stand 24 hours.',
  );

  await page.goto('/firmware/Nord%20GSM?role=operator');
  await page.getByRole('button', { name: 'Plan a staged rollout…' }).click();
  const plan = page.getByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
  await expect(plan.getByRole('note')).toContainText(
    'Rollouts of Nord GSM need a second person’s approval',
  );
  await plan.getByRole('textbox', { name: 'Note for the approver' }).fill('Pilot first');
  await plan.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(page.getByRole('status')).toContainText('Asked for approval');
  await expect(page.getByRole('note', { name: 'Waiting for approval' })).toContainText(
    'Staged rollout of Nord GSM to 5.40, asked by Omar Haddad',
  );

  await page.getByRole('link', { name: 'Open Approvals' }).click();
  const request = page.getByRole('article', { name: 'Staged rollout of Nord GSM to 5.40' });
  await expect(request).toContainText('You asked for this change: another person must approve it.');
  await expect(request.getByRole('button', { name: 'Approve…' })).toHaveCount(0);

  // The administrator is told, by the bell, that something waits for them.
  await page.goto('/devices?role=administrator');
  await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  await page
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('link', { name: /^Waiting for your approval: Staged rollout of Nord GSM to 5\.40/ })
    .click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await request.getByRole('button', { name: 'Approve…' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve staged rollout of Nord GSM to 5.40?' });
  await approve.getByRole('textbox', { name: 'Comment' }).fill('Pilot site checked');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Approved request 1, staged rollout of Nord GSM to 5.40: rollout 1 started.',
  );
  await page
    .getByRole('list', { name: 'Decided requests' })
    .getByRole('link', { name: 'Rollout 1' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rollout 1');
  await expect(
    page.getByText(/started .* by Omar Haddad, approved by Ada Novak \(request 1\)/),
  ).toBeVisible();
});
