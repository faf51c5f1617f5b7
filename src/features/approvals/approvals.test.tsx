import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../mocks/fleet/persistence';
import { currentFleet, resetFleet } from '../../../mocks/node';
import { NO_APPROVAL_RULES } from '@/api/approvals';
import type { Role } from '@/api/permissions';
import { DEFAULT_RULES } from '@/api/rollouts';
import { renderRoute } from '@/test/render';
import { usable } from '@/test/usable';
import { SiteTypePage } from '@/features/sites/SiteTypePage';
import { ApprovalsPage } from './ApprovalsPage';

const routes = [
  { path: '/firmware/:deviceType', element: <SiteTypePage /> },
  { path: '/approvals', element: <ApprovalsPage /> },
];

/** One demo fleet in one store, signed in to as one role after another. */
function fleetAs() {
  const store = memoryStore();
  return (role: Role) => resetFleet('demo', undefined, { role }, { store });
}

const rolloutsNeedApproval = { ...NO_APPROVAL_RULES, rollouts: true };

function askForRollout() {
  return currentFleet().approvals.ask({
    requestId: 'ask-test-0001',
    deviceType: 'Nord GSM',
    change: {
      kind: 'rollout',
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 1 }, waves: [] },
      rules: DEFAULT_RULES,
    },
    note: 'Before the weekend',
  });
}

describe('Approvals', () => {
  it('sends a rollout the rules name to wait for approval, and says so on its type’s page', async () => {
    const as = fleetAs();
    as('administrator').approvals.setRules({ deviceType: null, rules: rolloutsNeedApproval });
    as('operator');
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Plan a staged rollout…'));
    const dialog = await screen.findByRole('dialog', { name: 'Plan a staged rollout of Nord GSM' });
    expect(await within(dialog).findByRole('note')).toHaveTextContent(
      'Rollouts of Nord GSM need a second person’s approval (the fleet’s rules). It starts once another person approves it',
    );
    expect(within(dialog).queryByRole('button', { name: 'Start rollout' })).toBeNull();
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note for the approver' }),
      'Pilot first',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Ask for approval' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Asked for approval: the rollout starts once another person approves it\. Request 1 stands until /,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('note', { name: 'Waiting for approval' })).toHaveTextContent(
      'Waiting for approval: Staged rollout of Nord GSM to 5.40, asked by Omar Haddad',
    );
    expect(currentFleet().rollouts.list('Nord GSM').items).toEqual([]);
    expect(currentFleet().approvals.get('1').note).toBe('Pilot first');
  });

  it('asks for approval of “Update all sites” where a type’s own rules name it', async () => {
    const as = fleetAs();
    as('administrator').approvals.setRules({
      deviceType: 'Nord GSM',
      rules: { ...NO_APPROVAL_RULES, aboveSites: 2 },
    });
    as('operator');
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    await user.click(await usable('Update software at all sites'));
    const dialog = await screen.findByRole('dialog', { name: 'Update software at all sites' });
    expect(await within(dialog).findByRole('note')).toHaveTextContent(
      'Changes of more than 2 Nord GSM sites need a second person’s approval (Nord GSM’s own rules): this one changes 5.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Ask for approval' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Asked for approval: the sites are queued once another person approves it\./,
    );
    expect(currentFleet().approvals.get('1')).toMatchObject({
      status: 'waiting',
      title: 'Update of all Nord GSM sites to 5.40',
      sites: 5,
    });
    expect(currentFleet().planUpdateAll('Nord GSM').toQueue).toBe(5);
  });

  it('lets another administrator approve a request, which starts the rollout as the one who asked', async () => {
    const as = fleetAs();
    as('administrator').approvals.setRules({ deviceType: null, rules: rolloutsNeedApproval });
    as('operator');
    askForRollout();
    as('administrator');
    const user = userEvent.setup();
    renderRoute(routes, '/approvals');
    const request = await screen.findByRole('article', {
      name: 'Staged rollout of Nord GSM to 5.40',
    });
    expect(request).toHaveTextContent('Asked by Omar Haddad');
    expect(request).toHaveTextContent(
      'Waits because: Rollouts of Nord GSM need a second person’s approval (the fleet’s rules).',
    );
    expect(request).toHaveTextContent('Note from Omar Haddad: “Before the weekend”');
    expect(
      within(request).getByRole('region', { name: 'What the rollout will do' }),
    ).toHaveTextContent('5 Nord GSM sites to 5.40, in 2 waves');
    await user.click(await usable('Approve…', request));
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve staged rollout of Nord GSM to 5.40?',
    });
    await user.type(within(dialog).getByRole('textbox', { name: 'Comment' }), 'Checked');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Approved request 1, staged rollout of Nord GSM to 5.40: rollout 1 started.',
    );
    const decided = await screen.findByRole('list', { name: 'Decided requests' });
    expect(decided).toHaveTextContent(/Approved by Ada Novak on .*: “Checked”\./);
    expect(within(decided).getByRole('link', { name: 'Rollout 1' })).toHaveAttribute(
      'href',
      '/firmware/Nord%20GSM/rollouts/1',
    );
    expect(screen.getByText('Nothing waits for approval.')).toBeVisible();
    expect(currentFleet().rollouts.get('Nord GSM', '1').startedBy).toBe('Omar Haddad');
  });

  it('never offers the one who asked the decision, and tells a viewer why they cannot decide', async () => {
    const as = fleetAs();
    as('administrator').approvals.setRules({ deviceType: null, rules: rolloutsNeedApproval });
    as('operator');
    askForRollout();
    const user = userEvent.setup();
    const own = renderRoute(routes, '/approvals');
    const request = await screen.findByRole('article');
    expect(request).toHaveTextContent('You asked for this change: another person must approve it.');
    expect(within(request).queryByRole('button', { name: 'Approve…' })).toBeNull();
    await user.click(await usable('Withdraw…', request));
    const dialog = await screen.findByRole('dialog', {
      name: 'Withdraw the request for staged rollout of Nord GSM to 5.40?',
    });
    own.unmount();
    expect(dialog).not.toBeInTheDocument();

    as('viewer');
    renderRoute(routes, '/approvals');
    const seen = await screen.findByRole('article');
    const approve = await within(seen).findByRole('button', { name: 'Approve…' });
    await waitFor(() => expect(approve).toHaveAttribute('aria-disabled', 'true'));
    expect(approve).toHaveAccessibleDescription(
      'Your role, Viewer, cannot approve or deny changes.',
    );
    expect(seen).toHaveTextContent('Waits because: Rollouts of Nord GSM need');
  });

  it('denies only with a comment, and keeps the comment when the denial is refused', async () => {
    const as = fleetAs();
    as('administrator').approvals.setRules({ deviceType: null, rules: rolloutsNeedApproval });
    as('operator');
    askForRollout();
    as('administrator');
    const user = userEvent.setup();
    renderRoute(routes, '/approvals');
    await user.click(await usable('Deny…', await screen.findByRole('article')));
    const dialog = await screen.findByRole('dialog', {
      name: 'Deny staged rollout of Nord GSM to 5.40?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(
      within(dialog).getByText('Say why the change is denied, for the one who asked.'),
    ).toBeVisible();
    // Someone else decided first: the refusal is said, and the comment is still there.
    const fleet = currentFleet();
    fleet.actor = { id: 'op-omar', name: 'Omar Haddad', role: 'operator' };
    fleet.approvals.withdraw('1');
    fleet.actor = undefined;
    await user.type(within(dialog).getByRole('textbox', { name: 'Comment' }), 'Not this week');
    await user.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /Request 1 was withdrawn on .*: it no longer waits for a decision/,
    );
    expect(within(dialog).getByRole('textbox', { name: 'Comment' })).toHaveValue('Not this week');
  });

  it('sets a type’s own rules, and lets it follow the fleet’s again', async () => {
    fleetAs()('administrator');
    const user = userEvent.setup();
    renderRoute(routes, '/approvals');
    await user.click(await usable('Change the approval rules of Nord LAN'));
    const dialog = await screen.findByRole('dialog', { name: 'Approval rules of Nord LAN' });
    const updateAll = within(dialog).getByRole('checkbox', {
      name: '“Update software at all sites”',
    });
    expect(updateAll).toBeDisabled();
    await user.click(within(dialog).getByRole('radio', { name: 'Nord LAN’s own rules' }));
    await user.click(updateAll);
    const hours = within(dialog).getByRole('textbox', { name: 'A request stands for (hours)' });
    await user.clear(hours);
    await user.type(hours, '200');
    await user.click(within(dialog).getByRole('button', { name: 'Save rules' }));
    expect(
      within(dialog).getByText('Enter the hours a request stands from 1 to 168.'),
    ).toBeVisible();
    await user.clear(hours);
    await user.type(hours, '8');
    await user.click(within(dialog).getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Approval rules of Nord LAN saved: “Update all sites” needs approval; requests stand 8 hours.',
    );
    const rules = screen.getByRole('list', { name: 'Approval rules' });
    expect(rules).toHaveTextContent(
      'Nord LAN“Update all sites” needs approval; requests stand 8 hours.',
    );
    expect(currentFleet().planUpdateAll('Nord LAN').approval).toBe(
      '“Update all sites” of Nord LAN needs a second person’s approval (Nord LAN’s own rules).',
    );

    await user.click(await usable('Change the approval rules of Nord LAN'));
    const again = await screen.findByRole('dialog', { name: 'Approval rules of Nord LAN' });
    await user.click(within(again).getByRole('radio', { name: 'Follow the fleet’s rules' }));
    await user.click(within(again).getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(currentFleet().planUpdateAll('Nord LAN').approval).toBeUndefined());
  });
});
