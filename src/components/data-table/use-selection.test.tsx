import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSelection } from './use-selection';

describe('a list’s selection', () => {
  it('keeps rows checked by id across filters, ends "all matching" with the filter, and starts empty in another list', () => {
    const onEnded = vi.fn();
    const { result, rerender } = renderHook(
      ({ filter, scope }: { filter: { q?: string }; scope: string }) =>
        useSelection(filter, onEnded, scope),
      { initialProps: { filter: {}, scope: 'Nord GSM' } },
    );
    act(() => result.current.onToggle('1011'));
    act(() => result.current.onToggle('1012'));
    rerender({ filter: { q: '101' }, scope: 'Nord GSM' });
    expect(result.current.count).toBe(2);

    act(() => result.current.selectAll(20));
    expect(result.current.selection).toMatchObject({ mode: 'filter', filter: { q: '101' } });
    rerender({ filter: { q: '10' }, scope: 'Nord GSM' });
    expect(onEnded).toHaveBeenCalledWith(20);
    expect(result.current.count).toBe(0);

    act(() => result.current.onToggle('1011'));
    // The same numbers are other sites in another device type's list.
    rerender({ filter: { q: '10' }, scope: 'Nord LAN' });
    expect(result.current.count).toBe(0);
    expect(onEnded).toHaveBeenCalledTimes(1);
  });
});
