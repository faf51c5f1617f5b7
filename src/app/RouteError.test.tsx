import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderRoute } from '@/test/render';
import { RouteErrorBoundary } from './RouteError';

/** Whether the screen below throws while rendering. */
let broken = false;
function Flaky({ message }: { message: string }) {
  if (broken) throw new Error(message);
  return <p>Screen shown</p>;
}

function Screen({ message }: { message: string }) {
  return (
    <RouteErrorBoundary>
      <Flaky message={message} />
    </RouteErrorBoundary>
  );
}

/** The Servers screen failing, with Devices to go to. */
function renderBrokenServers() {
  broken = true;
  renderRoute(
    [
      { path: '/servers', element: <Screen message="The server list broke." /> },
      { path: '/devices', element: <p>Devices screen</p> },
    ],
    '/servers',
  );
}

describe('A screen that fails', () => {
  it('says so with Retry and a way to Devices, and shows the screen again on Retry', async () => {
    const user = userEvent.setup();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderBrokenServers();
    expect(
      await screen.findByRole('heading', { name: 'This page could not be shown' }),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('The server list broke.');
    expect(screen.getByRole('button', { name: 'Go to Devices' })).toBeVisible();
    broken = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Screen shown')).toBeVisible();
    quiet.mockRestore();
  });

  it('explains a screen whose code could not be loaded', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    broken = true;
    renderRoute(
      [
        {
          path: '/servers',
          element: (
            <Screen message="Failed to fetch dynamically imported module: https://console.example/assets/ServersPage.js" />
          ),
        },
      ],
      '/servers',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Part of the console could not be loaded, perhaps because a newer version was deployed or the network dropped.',
    );
    quiet.mockRestore();
  });

  it('is left behind when the operator goes to another screen', async () => {
    const user = userEvent.setup();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderBrokenServers();
    await user.click(await screen.findByRole('button', { name: 'Go to Devices' }));
    expect(await screen.findByText('Devices screen')).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    quiet.mockRestore();
  });
});
