import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DeviceListQuery } from '@/api/devices';
import { renderRoute } from '@/test/render';
import { useListState } from './use-list-state';

/** A list's two controls that can change the URL at one moment: a filter and the search. */
function TwoChanges() {
  const { params, update, search } = useListState(DeviceListQuery);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          // The search box's delayed search lands in the same moment as a filter picked.
          update({ status: 'unreachable' }, { resetPage: true });
          search('');
        }}
      >
        Filter and search
      </button>
      <output aria-label="Status">{params.status ?? 'any'}</output>
    </>
  );
}

describe('a list’s state in the URL', () => {
  it('keeps a filter picked just before the search is applied: neither change is lost', async () => {
    const user = userEvent.setup();
    const view = renderRoute(
      [{ path: '/devices', element: <TwoChanges /> }],
      '/devices?q=172.26&sort=ip',
    );
    await user.click(screen.getByRole('button', { name: 'Filter and search' }));
    await act(async () => {});
    expect(screen.getByRole('status', { name: 'Status' })).toHaveTextContent('unreachable');
    const query = new URLSearchParams(view.location().search);
    expect(query.get('status')).toBe('unreachable');
    expect(query.get('q')).toBeNull();
    expect(query.get('sort')).toBe('ip');
  });
});
