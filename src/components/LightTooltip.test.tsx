import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LightTooltip } from './LightTooltip';

function renderTip() {
  render(
    <>
      <LightTooltip title="Next maintenance window: November 10, 2024">
        <button type="button">Update schedule</button>
      </LightTooltip>
      <button type="button">Elsewhere</button>
    </>,
  );
  return screen.getByRole('button', { name: 'Update schedule' });
}

describe('LightTooltip', () => {
  it('opens on focus, describes its trigger, and closes on blur', async () => {
    const user = userEvent.setup();
    const trigger = renderTip();
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    await user.tab();
    expect(trigger).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Next maintenance window: November 10, 2024');
    expect(trigger).toHaveAccessibleDescription('Next maintenance window: November 10, 2024');
    await user.tab();
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('opens on hover and is dismissed with Escape without moving focus', async () => {
    const user = userEvent.setup();
    const trigger = renderTip();
    await user.hover(trigger);
    expect(await screen.findByRole('tooltip')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    await user.unhover(trigger);
  });

  it('stays open while the pointer moves onto it, then closes', async () => {
    const user = userEvent.setup();
    const trigger = renderTip();
    await user.hover(trigger);
    const tooltip = await screen.findByRole('tooltip');
    await user.hover(tooltip);
    expect(screen.getByRole('tooltip')).toBeInTheDocument();
    await user.unhover(tooltip);
    await waitFor(() => expect(screen.queryByRole('tooltip')).not.toBeInTheDocument());
  });
});
