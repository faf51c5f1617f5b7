import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  isSelected,
  pageState,
  selectAllMatching,
  selectedCount,
  toBulkSelection,
  toggle,
  togglePage,
} from './selection';

const page = ['a', 'b', 'c'];

describe('selection by id', () => {
  it('toggles single rows', () => {
    const one = toggle(emptySelection, 'a');
    expect(isSelected(one, 'a')).toBe(true);
    expect(selectedCount(one)).toBe(1);
    expect(selectedCount(toggle(one, 'a'))).toBe(0);
  });

  it('selects the page with the header checkbox, then clears it', () => {
    const partly = toggle(emptySelection, 'b');
    expect(pageState(partly, page)).toBe('some');
    const all = togglePage(partly, page);
    expect(pageState(all, page)).toBe('all');
    expect(selectedCount(all)).toBe(3);
    expect(pageState(togglePage(all, page), page)).toBe('none');
  });

  it('keeps rows selected on other pages', () => {
    const first = togglePage(emptySelection, page);
    const second = togglePage(first, ['d', 'e']);
    expect(selectedCount(second)).toBe(5);
    expect(toBulkSelection(second)).toEqual({ mode: 'ids', ids: ['a', 'b', 'c', 'd', 'e'] });
  });
});

describe('selection of every device matching a filter', () => {
  const filter = { model: ['AXIS Q1656'], status: 'reachable' as const };

  it('counts the whole match without loading it, minus exceptions', () => {
    const all = selectAllMatching(filter, 100_000);
    expect(selectedCount(all)).toBe(100_000);
    expect(isSelected(all, 'any-device')).toBe(true);
    const lessOne = toggle(all, 'b');
    expect(selectedCount(lessOne)).toBe(99_999);
    expect(pageState(lessOne, page)).toBe('some');
  });

  it('sends the filter and the exceptions, not the ids', () => {
    const selection = toggle(toggle(selectAllMatching(filter, 100_000), 'a'), 'c');
    expect(toBulkSelection(selection)).toEqual({ mode: 'filter', filter, except: ['a', 'c'] });
  });

  it('turns a page off as exceptions and back on', () => {
    const all = selectAllMatching(filter, 10);
    const pageOff = togglePage(all, page);
    expect(selectedCount(pageOff)).toBe(7);
    expect(selectedCount(togglePage(pageOff, page))).toBe(10);
  });
});
