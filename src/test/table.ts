import { within } from '@testing-library/react';

/** The table row that holds a cell with exactly this text. */
export function rowWith(table: HTMLElement, text: string): HTMLElement {
  const cell = within(table).getByText(text);
  const row = cell.closest('tr');
  if (!row) throw new Error(`No row holds ${text}`);
  return row;
}
