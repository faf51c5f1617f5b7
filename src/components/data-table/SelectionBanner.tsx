import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { plural } from '@/lib/format';
import { pageState, type Selection } from './selection';

interface SelectionBannerProps<F> {
  selection: Selection<F>;
  /** The rows of the page shown. */
  pageIds: readonly string[];
  /** How many rows match the list's search and filters, on every page. */
  total: number;
  /** What a row is: "device", "site". */
  noun: string;
  /** Whether a search or filter narrows the list. */
  filtered: boolean;
  onSelectAll: (total: number) => void;
  onClear: () => void;
}

/**
 * Under a list's selection toolbar: with the whole page checked, the offer to select every
 * matching row; with every matching row selected, what that means and how to end it.
 */
export function SelectionBanner<F>({
  selection,
  pageIds,
  total,
  noun,
  filtered,
  onSelectAll,
  onClear,
}: SelectionBannerProps<F>) {
  if (selection.mode === 'filter') {
    return (
      <Alert
        severity="info"
        action={
          <Button color="inherit" size="small" onClick={onClear}>
            Clear selection
          </Button>
        }
      >
        All {plural(selection.total, noun)}
        {filtered ? ' matching this filter' : ''} are selected
        {selection.except.size > 0 ? `, except ${plural(selection.except.size, noun)}` : ''}.
      </Alert>
    );
  }
  if (pageState(selection, pageIds) !== 'all' || total <= pageIds.length) return null;
  return (
    <Alert
      severity="info"
      action={
        <Button color="inherit" size="small" onClick={() => onSelectAll(total)}>
          Select all {plural(total, noun)}
        </Button>
      }
    >
      All {plural(pageIds.length, noun)} on this page are selected.
    </Alert>
  );
}
