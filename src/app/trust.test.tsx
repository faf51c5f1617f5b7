import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentFleet, resetFleet } from '../../mocks/node';
import { configureApiClient } from '@/api/client';
import { SiteTypePage } from '@/features/sites/SiteTypePage';
import { renderAt } from '@/test/render';
import { Identity } from './Identity';
import { SessionEndedDialog } from './SessionEndedDialog';
import { configureAuth, markSessionEnded, markSessionRestored } from './session-state';

function renderSites() {
  return renderAt(
    <>
      <Identity />
      <SessionEndedDialog />
      <SiteTypePage />
    </>,
    '/firmware/:deviceType',
    '/firmware/Nord%20GSM',
  );
}

describe('roles', () => {
  it('shows a viewer who they are, and why they cannot update sites', async () => {
    resetFleet('demo', undefined, { role: 'viewer' });
    const user = userEvent.setup();
    renderSites();
    expect(await screen.findByRole('group', { name: 'Signed in' })).toHaveTextContent(
      'Ines Berg · Viewer',
    );
    await screen.findByRole('table', { name: 'Nord GSM sites' });
    const all = screen.getByRole('button', { name: 'Update software at all sites' });
    await waitFor(() => expect(all).toHaveAttribute('aria-disabled', 'true'));
    expect(all).toHaveAccessibleDescription('Your role, Viewer, cannot update sites.');
    await user.click(all);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Focus shows the reason too.
    all.focus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Your role, Viewer, cannot update sites.',
    );
  });
});

describe('a role limited to one customer', () => {
  it('says the customer in the app bar, and lists that customer’s sites only', async () => {
    resetFleet('demo', undefined, { role: 'operator', customer: 'nordic' });
    renderSites();
    expect(await screen.findByRole('group', { name: 'Signed in' })).toHaveTextContent(
      'Omar Haddad · Operator · Nordic Alarm AB',
    );
    const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
    // 1011 is Nordic Alarm's, 1012 Harbour Retail's.
    expect(await within(table).findByRole('cell', { name: '1011' })).toBeInTheDocument();
    expect(within(table).queryByRole('cell', { name: '1012' })).not.toBeInTheDocument();
  });
});

describe('a session that ends', () => {
  afterEach(() => {
    configureApiClient({ onUnauthorized: () => undefined });
    markSessionRestored();
  });

  it('says so over the open dialog, keeps the input, and goes on after signing in again', async () => {
    configureApiClient({ onUnauthorized: markSessionEnded });
    const user = userEvent.setup();
    renderSites();
    await screen.findByRole('table', { name: 'Nord GSM sites' });
    await user.click(screen.getByRole('button', { name: 'Update using site number…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Update using site number' });
    const field = within(dialog).getByRole('textbox', { name: 'Site number' });
    await user.type(field, '1011');
    currentFleet().sessions.expire();
    await user.click(within(dialog).getByRole('button', { name: 'Update' }));
    const ended = await screen.findByRole('dialog', { name: 'Your session has ended' });
    expect(field).toHaveValue('1011');
    await user.click(within(ended).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(ended).not.toBeInTheDocument());
    // Nothing was sent again by itself: the operator sends the change.
    expect(currentFleet().activity({ page: 1, pageSize: 50 }).total).toBe(0);
    expect(field).toHaveValue('1011');
    await user.click(within(dialog).getByRole('button', { name: 'Update' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Site 1011 is queued');
  });
});

describe('signing in again with a real backend', () => {
  afterEach(() => {
    configureAuth({ mode: 'cookie', signInUrl: null });
    markSessionRestored();
    vi.restoreAllMocks();
  });

  it('opens the sign-in page in a new tab with the way back, then goes on with Continue', async () => {
    configureAuth({ mode: 'cookie', signInUrl: 'https://id.example/sign-in' });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const user = userEvent.setup();
    markSessionEnded();
    renderAt(<SessionEndedDialog />, '/devices');
    const ended = await screen.findByRole('dialog', { name: 'Your session has ended' });
    await user.click(within(ended).getByRole('button', { name: 'Sign in again' }));
    const [href, target] = open.mock.calls[0] ?? [];
    expect(target).toBe('_blank');
    expect(String(href)).toBe(
      `https://id.example/sign-in?return=${encodeURIComponent(window.location.href)}`,
    );
    expect(ended).toHaveTextContent('Sign in on the page that opened');
    await user.click(within(ended).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(ended).not.toBeInTheDocument());
  });
});
