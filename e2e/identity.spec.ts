import { expect, test, type Page } from '@playwright/test';
import { idpOrigin, oidcHawkbitOrigin } from '../playwright.config';

/**
 * Sign-in with the organisation's identity provider (`npm run serve -- --oidc-issuer …`),
 * against a real OpenID provider (`npm run idp`: oidc-provider with people in groups): through
 * its sign-in page, a wrong password first, back to the page the operator opened; a session
 * the provider ended, met in the middle of a change with nothing typed lost; sign-out at the
 * provider; and a person with no role in the console told so.
 *
 * Each journey signs in as a person of its own: ending one person's sessions at the provider
 * touches no other journey.
 */

/** On the provider's own sign-in page: its user name and password. */
async function signInAtProvider(page: Page, username: string, password = username) {
  await expect(page.getByRole('heading', { name: 'Example Identity: sign in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'User name' }).fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an operator signs in through the provider, refused a wrong password first, back on the page they opened', async ({
  page,
}) => {
  await page.goto('/firmware/Nord%20GSM');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // What a person sees first: one way in, whole, nothing to scroll sideways.
  const signIn = page.getByRole('link', { name: 'Sign in with your organisation' });
  await expect(signIn).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
  await expect(page.getByRole('main')).toHaveScreenshot('sign-in-with-provider.png');
  await signIn.click();

  await signInAtProvider(page, 'omar', 'wrong');
  await expect(page.getByRole('alert')).toHaveText('Wrong user name or password. Try again.');
  await signInAtProvider(page, 'omar');

  await expect(page).toHaveURL(/\/firmware\/Nord%20GSM$/);
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(
    'Omar Haddad · Operator',
  );
  await expect(page.getByRole('table', { name: 'Nord GSM sites' })).toBeVisible();
  // The browser holds no token: only the HttpOnly session cookie; the address bar keeps no
  // code or state, and the page's storage no token.
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === 'fuc_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(cookies.map((cookie) => cookie.name)).not.toContainEqual(
    expect.stringMatching(/^fuc_login_/),
  );
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(page.url()).not.toMatch(/[?&](code|state|token)=/);
  const stored = await page.evaluate(() =>
    JSON.stringify([{ ...window.localStorage }, { ...window.sessionStorage }]),
  );
  expect(stored).not.toMatch(/eyJ|fuc_session|access_token|refresh_token|id_token/);
});

test('a session the provider ended is met mid-change: signed in again in a new tab, nothing typed lost, then signed out at the provider', async ({
  page,
  context,
  request,
}) => {
  await page.goto('/firmware/Nord%20GSM');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, 'ada');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Administrator');

  await page.getByRole('button', { name: 'Update using site number…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update using site number' });
  const field = dialog.getByRole('textbox', { name: 'Site number' });
  await field.fill('1011');

  // An administrator at the provider ends Ada's sessions: her access cannot be renewed.
  const revoked = await request.post(`${idpOrigin}/admin/revoke-sessions?username=ada`);
  expect(((await revoked.json()) as { ended: number }).ended).toBeGreaterThan(0);

  await dialog.getByRole('button', { name: 'Update' }).click();
  const ended = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(ended).toBeVisible();
  const opened = context.waitForEvent('page');
  await ended.getByRole('button', { name: 'Sign in again' }).click();
  const tab = await opened;
  await signInAtProvider(tab, 'ada');
  await expect(tab.getByRole('group', { name: 'Signed in' })).toContainText('Ada Novak');
  await tab.close();

  // Back on the first tab: it sees the new session by itself, the typed number still there.
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(ended).toBeHidden();
  await expect(field).toHaveValue('1011');
  await dialog.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByRole('status')).toContainText('Site 1011 is queued');

  const before = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Example Identity: sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with your organisation' })).toBeVisible();
  // The session ended on the server: its old cookie opens nothing.
  const old = before.find((cookie) => cookie.name === 'fuc_session');
  const replay = await request.get('/api/session', {
    headers: { Cookie: `fuc_session=${old?.value ?? ''}` },
  });
  expect(replay.status()).toBe(401);
});

test('a person with no role in the console is told so, with the way out', async ({ page }) => {
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, 'eve');
  await expect(page.getByRole('heading', { name: 'No role in this console' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(
    'You signed in as Eve Stranger, but none of your groups (staff) gives a role',
  );
  await expect(page.getByRole('link', { name: 'Sign out of the identity provider' })).toBeVisible();
  await expect(page).toHaveScreenshot('no-role.png');
});

test('on hawkBit configured for the same provider, hawkBit’s permissions give the role, and its targets show', async ({
  page,
}) => {
  await page.goto(`${oidcHawkbitOrigin}/devices`);
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, 'vera');
  // Vera is hawkBit's viewer: the console's role is hawkBit's, not the claim's.
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Vera Lind · Viewer');
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.getByRole('cell', { name: '172.26.180.2', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Software scheduling' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
});

test('an operator of one customer signs in and sees that customer’s sites and devices only', async ({
  page,
}) => {
  await page.goto('/firmware/Nord%20GSM');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, 'nils');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(
    'Nils Ek · Operator · Nordic Alarm AB',
  );
  const sites = page.getByRole('table', { name: 'Nord GSM sites' });
  // 1011 is Nordic Alarm's; 1012 is Harbour Retail's, so it is not there.
  await expect(sites.getByRole('row', { name: /^1011/ })).toBeVisible();
  await expect(sites.getByRole('row', { name: /^1012/ })).toHaveCount(0);
  await page.goto('/servers/srv-0b44e810');
  await expect(page.getByText(/There is no server srv-0b44e810/)).toBeVisible();
  await expect(page.getByText('Reception PC')).toHaveCount(0);
});
