import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { formatCount } from '@/lib/format';

interface ModelMenuProps {
  id: string;
  anchor: HTMLElement | null;
  models: { model: string; count: number }[];
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
  selected: string[];
  onChange: (models: string[]) => void;
  onClose: () => void;
}

/**
 * The fleet's models, each a checkbox item with its device count; stays open while the
 * operator picks several. Escape or a click outside closes it, and focus goes back to the
 * button that opened it.
 */
export default function ModelMenu({
  id,
  anchor,
  models,
  loading,
  failed,
  onRetry,
  selected,
  onChange,
  onClose,
}: ModelMenuProps) {
  const toggle = (model: string) =>
    onChange(
      selected.includes(model) ? selected.filter((each) => each !== model) : [...selected, model],
    );
  return (
    <Menu
      id={id}
      open
      anchorEl={anchor}
      onClose={onClose}
      slotProps={{ list: { 'aria-label': 'Models' } }}
    >
      {loading ? <MenuItem disabled>Loading the fleet’s models…</MenuItem> : null}
      {failed ? <MenuItem onClick={onRetry}>The models could not be loaded. Retry</MenuItem> : null}
      {models.map(({ model, count }) => {
        const checked = selected.includes(model);
        return (
          <MenuItem
            key={model}
            role="menuitemcheckbox"
            aria-checked={checked}
            onClick={() => toggle(model)}
          >
            <Checkbox
              size="small"
              checked={checked}
              tabIndex={-1}
              disableRipple
              slotProps={{ input: { 'aria-hidden': true } }}
            />
            <ListItemText primary={model} secondary={`${formatCount(count)} devices`} />
          </MenuItem>
        );
      })}
    </Menu>
  );
}
