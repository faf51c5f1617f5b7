import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server, testApiRoot } from '../../../mocks/node';
import type { Session } from '@/api/session';
import type { ApiToken, CreateApiToken } from '@/api/tokens';
import { AppRoutes } from '@/app/router';
import { renderAt } from '@/test/render';
import { adminSession } from './test-session';

const ada = adminSession;

const NOW = Date.parse('2026-12-06T09:00:00Z');
const NORDIC = { id: 'nordic', name: 'Nordic Alarm AB' };
const HARBOUR = { id: 'harbour', name: 'Harbour Retail Group' };
const token = (overrides: Partial<ApiToken>): ApiToken => ({
  id: 'tok-1',
  name: 'Nightly report',
  role: 'operator',
  customer: null,
  hint: 'fuc_Ab3x…',
  createdAt: new Date(NOW - 3_600_000).toISOString(),
  createdBy: { id: 'op-ada', name: 'Ada Novak' },
  expiresAt: new Date(NOW + 90 * 86_400_000).toISOString(),
  lastUsedAt: null,
  revokedAt: null,
  revokedBy: null,
  ...overrides,
});

/** The console's server's tokens, as it answers them (server/contract/api-tokens.ts). */
function tokenBackend(session: Session) {
  let tokens: ApiToken[] = [
    token({
      id: 'tok-old',
      name: 'Old export',
      revokedAt: new Date(NOW).toISOString(),
      revokedBy: { id: 'op-ada', name: 'Ada Novak' },
    }),
  ];
  const created: CreateApiToken[] = [];
  server.use(
    http.get(`${testApiRoot}session`, () => HttpResponse.json(session)),
    http.get(`${testApiRoot}tokens`, () =>
      HttpResponse.json({
        items: tokens,
        customers: session.customer ? [session.customer] : [NORDIC, HARBOUR],
      }),
    ),
    http.post(`${testApiRoot}tokens`, async ({ request }) => {
      const body = (await request.json()) as CreateApiToken;
      created.push(body);
      const made = token({
        id: 'tok-new',
        name: body.name,
        role: body.role,
        customer: [NORDIC, HARBOUR].find((known) => known.id === body.customer) ?? null,
        expiresAt: body.expiresAt,
      });
      tokens = [made, ...tokens];
      return HttpResponse.json({ token: made, secret: 'fuc_secret-shown-once' }, { status: 201 });
    }),
    http.delete(`${testApiRoot}tokens/:id`, ({ params }) => {
      tokens = tokens.map((item) =>
        item.id === params.id
          ? { ...item, revokedAt: new Date().toISOString(), revokedBy: session.operator }
          : item,
      );
      return HttpResponse.json(tokens.find((item) => item.id === params.id));
    }),
  );
  return { created };
}

let listedWebhooks = false;

describe('Settings: API tokens', () => {
  beforeEach(() => {
    listedWebhooks = false;
    server.use(
      http.get(`${testApiRoot}activity`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 50, total: 0 }),
      ),
      http.get(`${testApiRoot}webhooks`, () => {
        listedWebhooks = true;
        return HttpResponse.json({ items: [] });
      }),
    );
  });

  it('lets an administrator create a token, shows its secret once, and revoke it', async () => {
    const { created } = tokenBackend(ada);
    const user = userEvent.setup();
    renderAt(<AppRoutes />, '/*', '/settings');
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(await within(table).findByRole('cell', { name: 'Old export' })).toBeVisible();
    expect(within(table).getByRole('cell', { name: 'Revoked by Ada Novak' })).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Create API token…' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API token' });
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(
      await within(dialog).findByText('Give the token a name that says what uses it.'),
    ).toBeVisible();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Ticket bot');
    await user.click(within(dialog).getByRole('combobox', { name: 'Role' }));
    await user.click(screen.getByRole('option', { name: 'Operator' }));
    const scope = within(dialog).getByRole('combobox', { name: 'Scope' });
    expect(scope).toHaveTextContent('Every customer');
    await user.click(scope);
    await user.click(screen.getByRole('option', { name: 'Nordic Alarm AB' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Expires in' }));
    await user.click(screen.getByRole('option', { name: '1 year' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'API token created' });
    expect(within(shown).getByRole('textbox', { name: 'Token' })).toHaveValue(
      'fuc_secret-shown-once',
    );
    expect(within(shown).getByRole('note')).toHaveTextContent('it is not shown again');
    expect(created[0]).toMatchObject({ name: 'Ticket bot', role: 'operator', customer: 'nordic' });
    const lifetime = Date.parse(created[0]?.expiresAt ?? '') - Date.now();
    expect(Math.round(lifetime / 86_400_000)).toBe(365);
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(shown).not.toBeInTheDocument());
    // Gone for good: the list never shows the secret.
    expect(screen.queryByText('fuc_secret-shown-once')).toBeNull();

    await user.click(await within(table).findByRole('button', { name: 'Revoke Ticket bot…' }));
    const confirm = screen.getByRole('dialog', { name: 'Revoke API token' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('The API token “Ticket bot” is revoked.')).toBeVisible();
    expect(within(table).queryByRole('button', { name: 'Revoke Ticket bot…' })).toBeNull();
    expect(within(table).getByRole('cell', { name: 'Operator · Nordic Alarm AB' })).toBeVisible();
  });

  it('gives an administrator of one customer tokens for that customer only', async () => {
    const { created } = tokenBackend({
      ...ada,
      operator: { id: 'op-hanna', name: 'Hanna Lund' },
      customer: HARBOUR,
    });
    const user = userEvent.setup();
    renderAt(<AppRoutes />, '/*', '/settings');
    await user.click(await screen.findByRole('button', { name: 'Create API token…' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API token' });
    const scope = within(dialog).getByRole('combobox', { name: 'Scope' });
    expect(scope).toHaveTextContent('Harbour Retail Group');
    expect(scope).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(dialog).getByText(
        'You administer Harbour Retail Group only: your tokens act for it only.',
      ),
    ).toBeVisible();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Harbour report');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('dialog', { name: 'API token created' })).toBeVisible();
    expect(created[0]).toMatchObject({ name: 'Harbour report', customer: 'harbour' });
  });

  it('tells another role who manages tokens and webhooks, and asks for neither', async () => {
    let listed = false;
    server.use(
      http.get(`${testApiRoot}session`, () =>
        HttpResponse.json({
          ...ada,
          operator: { id: 'op-omar', name: 'Omar Haddad' },
          role: 'operator',
          permissions: [
            'change-schedules',
            'update-devices',
            'update-sites',
            'cancel-site-updates',
          ],
        } satisfies Session),
      ),
      http.get(`${testApiRoot}tokens`, () => {
        listed = true;
        return HttpResponse.json({ items: [] });
      }),
    );
    renderAt(<AppRoutes />, '/*', '/settings');
    const tokens = await screen.findByRole('region', { name: 'API tokens' });
    expect(within(tokens).getByRole('note')).toHaveTextContent(
      'Your role, Operator, cannot manage API tokens. Ask an administrator for a token.',
    );
    const webhooks = screen.getByRole('region', { name: 'Webhooks' });
    expect(within(webhooks).getByRole('note')).toHaveTextContent(
      'Your role, Operator, cannot manage webhooks. Ask an administrator to add one.',
    );
    expect(within(webhooks).getByRole('button', { name: 'Add a webhook…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Create API token…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(listed).toBe(false);
    expect(listedWebhooks).toBe(false);
  });
});
