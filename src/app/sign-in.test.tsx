import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { server, testApiRoot } from '../../mocks/node';
import { configureApiClient, forgetCredentials } from '@/api/client';
import type { Session, SignIn } from '@/api/session';
import { renderAt } from '@/test/render';
import { AppRoutes } from './router';
import { configureAuth, markSessionEnded, markSessionRestored } from './session-state';

const omar: Session = {
  operator: { id: 'op-omar', name: 'Omar Haddad' },
  role: 'operator',
  permissions: ['change-schedules', 'update-devices', 'update-sites', 'cancel-site-updates'],
  csrfToken: 'csrf-omar',
  // A backend without servers: the Upgrade Center leaves the navigation.
  capabilities: { areas: ['devices', 'sites', 'rollouts', 'activity'], signOut: true },
};

/**
 * A backend whose operators sign in to the console itself, as the console's server answers
 * (server/contract/store-gate.ts): 401 `sign_in_required` until `POST /session` with the right
 * password; `DELETE /session` ends it.
 */
function passwordBackend() {
  let signedIn = false;
  const root = testApiRoot.replace(/\/$/, '');
  server.use(
    http.get(`${root}/session`, () =>
      signedIn
        ? HttpResponse.json(omar)
        : HttpResponse.json(
            { code: 'sign_in_required', message: 'Sign in to use the console.' },
            { status: 401 },
          ),
    ),
    http.post(`${root}/session`, async ({ request }) => {
      const body = (await request.json()) as SignIn;
      if (body.username !== 'omar' || body.password !== 'omar') {
        return HttpResponse.json(
          {
            code: 'sign_in_failed',
            message: 'That user name and password do not match. Check both and try again.',
          },
          { status: 401 },
        );
      }
      signedIn = true;
      return HttpResponse.json(omar);
    }),
    http.delete(`${root}/session`, () => {
      signedIn = false;
      return HttpResponse.json({ next: null });
    }),
  );
}

describe('signing in to the console itself', () => {
  beforeEach(() => {
    configureApiClient({ onUnauthorized: markSessionEnded });
    passwordBackend();
  });
  afterEach(() => {
    configureApiClient({ onUnauthorized: () => undefined });
    forgetCredentials();
    markSessionRestored();
  });

  it('shows the sign-in screen, refuses a wrong password with words, and opens the console after', async () => {
    const user = userEvent.setup();
    renderAt(<AppRoutes />, '/*', '/devices');
    const form = await screen.findByRole('form', { name: 'Sign in' });
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // Nothing to navigate to before signing in.
    expect(screen.queryByRole('link', { name: 'Devices' })).not.toBeInTheDocument();

    await user.type(within(form).getByRole('textbox', { name: 'User name' }), 'omar');
    const password = within(form).getByLabelText(/Password/);
    await user.type(password, 'Omar');
    await user.click(within(form).getByRole('button', { name: 'Sign in' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('do not match');
    // What was typed stays, to be corrected.
    expect(within(form).getByRole('textbox', { name: 'User name' })).toHaveValue('omar');

    await user.clear(password);
    await user.type(password, 'omar');
    await user.click(within(form).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
    expect(screen.getByRole('group', { name: 'Signed in' })).toHaveTextContent(
      'Omar Haddad · Operator',
    );
    const navigation = screen.getAllByRole('navigation', { name: 'Main' })[0] as HTMLElement;
    expect(within(navigation).getByRole('link', { name: 'Activity' })).toBeInTheDocument();
    expect(within(navigation).queryByRole('link', { name: 'Upgrade Center' })).toBeNull();

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeVisible();
    expect(screen.queryByRole('group', { name: 'Signed in' })).not.toBeInTheDocument();
  });

  it('says why an area the backend lacks has nothing to show, and where to go instead', async () => {
    server.use(http.get(`${testApiRoot}session`, () => HttpResponse.json(omar)));
    renderAt(<AppRoutes />, '/*', '/servers');
    expect(
      await screen.findByRole('heading', { name: 'Upgrade Center is not available' }),
    ).toBeVisible();
    expect(screen.getByText(/does not serve Upgrade Center/)).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Go to Devices' })).toHaveAttribute(
        'href',
        '/devices',
      ),
    );
  });
});

describe('signing in with the organisation’s identity provider', () => {
  beforeEach(() => {
    configureApiClient({ onUnauthorized: markSessionEnded });
    // As the console's server configures it with `--oidc-issuer`: its own sign-in page.
    configureAuth({ mode: 'cookie', signInUrl: '/auth/login' });
  });
  afterEach(() => {
    configureApiClient({ onUnauthorized: () => undefined });
    configureAuth({ mode: 'cookie', signInUrl: null });
    forgetCredentials();
    markSessionRestored();
  });

  it('shows the way to the sign-in page, coming back to the page opened, and no password form', async () => {
    server.use(
      http.get(`${testApiRoot}session`, () =>
        HttpResponse.json(
          { code: 'unauthenticated', message: 'Sign in to use the console.' },
          { status: 401 },
        ),
      ),
    );
    renderAt(<AppRoutes />, '/*', '/firmware');
    const way = await screen.findByRole('link', { name: 'Sign in with your organisation' });
    const target = new URL(way.getAttribute('href') ?? '', window.location.href);
    expect(target.pathname).toBe('/auth/login');
    expect(target.searchParams.get('return')).toBe(window.location.href);
    expect(screen.queryByRole('form', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).toBeNull();
  });

  it('after signing out where the provider has no sign-out page, shows the way in again', async () => {
    let signedIn = true;
    server.use(
      http.get(`${testApiRoot}session`, () =>
        signedIn
          ? HttpResponse.json(omar)
          : HttpResponse.json(
              { code: 'unauthenticated', message: 'Sign in to use the console.' },
              { status: 401 },
            ),
      ),
      http.delete(`${testApiRoot}session`, () => {
        signedIn = false;
        return HttpResponse.json({ next: null });
      }),
    );
    const user = userEvent.setup();
    renderAt(<AppRoutes />, '/*', '/devices');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(
      await screen.findByRole('link', { name: 'Sign in with your organisation' }),
    ).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Sign in' })).not.toBeInTheDocument();
  });
});
