import { getByRole, waitFor } from '@testing-library/react';
import { expect } from 'vitest';

/**
 * A button once it can be used: its data and the operator's role have loaded (the button is
 * rendered anew then, so it is looked up again until it is).
 */
export async function usable(name: string, container: HTMLElement = document.body) {
  return waitFor(() => {
    const button = getByRole(container, 'button', { name });
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute('aria-disabled');
    return button;
  });
}
