/** A list's sorting: the field and its direction, as the contract's list queries name them. */
export interface ListSort<F extends string> {
  sort: F;
  order: 'asc' | 'desc';
}

/** Clicking a column: the same column flips its order, another starts ascending. */
export function nextSort<F extends string>(current: ListSort<F>, field: F): ListSort<F> {
  if (current.sort === field) {
    return { sort: field, order: current.order === 'asc' ? 'desc' : 'asc' };
  }
  return { sort: field, order: 'asc' };
}
