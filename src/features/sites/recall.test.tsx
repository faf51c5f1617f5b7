import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { resetFleet } from '../../../mocks/node';
import { renderRoute } from '@/test/render';
import { usable } from '@/test/usable';
import { SiteTypePage } from './SiteTypePage';
import { StatisticsPage } from './StatisticsPage';

const routes = [
  { path: '/firmware', element: <StatisticsPage /> },
  { path: '/firmware/:deviceType', element: <SiteTypePage /> },
];

const REASON = 'Panels lose their GPRS link after a day';

describe('Recalling a version', () => {
  it('previews what it does, asks why, and marks the version recalled where it shows', async () => {
    resetFleet('demo', undefined, { role: 'administrator' });
    const user = userEvent.setup();
    renderRoute(routes, '/firmware/Nord%20GSM');
    const table = await screen.findByRole('table', { name: 'Nord GSM sites' });
    await user.click(await screen.findByRole('button', { name: 'Recall 5.40…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Recall Nord GSM 5.40' });
    const preview = await within(dialog).findByRole('list', { name: 'What the recall does' });
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Cancels 3 updates to 5.40 not yet downloaded (sites 1017, 1019, 1020).',
      'Halts no rollout: none is installing 5.40.',
      'Still installs 5.40 on 1 site past the download (1018): a downloaded update can no longer be cancelled.',
      '10 sites already on 5.40 will count as “no update planned” until updated to 5.36.',
    ]);

    // A reason is asked for, in words, before anything is recalled.
    await user.click(await usable('Recall 5.40', dialog));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(
      'Say in at least 10 characters why the version is recalled.',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), REASON);
    await user.click(within(dialog).getByRole('button', { name: 'Recall 5.40' }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(
      await screen.findByText(
        '5.40 recalled: 3 updates cancelled. 5.36 is the current version now.',
      ),
    ).toBeVisible();
    expect(
      await screen.findByText(/20 sites · current version 5\.36 · 5\.40 recalled/),
    ).toBeVisible();
    expect(screen.getByRole('note', { name: 'Recalled versions' })).toHaveTextContent(
      `by Ada Novak: “${REASON}”. 5.36 became the current version`,
    );
    // The button now offers the version that is current, and the sites on 5.40 say it is recalled.
    expect(screen.getByRole('button', { name: 'Recall 5.36…' })).toBeEnabled();
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(first).getByRole('cell', { name: '5.40 (recalled)' })).toBeVisible();
  });

  it('is not offered to an operator, who reads who may', async () => {
    resetFleet('demo', undefined, { role: 'operator' });
    renderRoute(routes, '/firmware/Nord%20GSM');
    const button = await screen.findByRole('button', { name: 'Recall 5.40…' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'Your role, Operator, cannot recall software versions.',
    );
  });
});
