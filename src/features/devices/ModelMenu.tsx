import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { plural } from '@/lib/format';
import { deviceQueries } from './device-queries';

interface ModelMenuProps {
  id: string;
  anchor: HTMLElement | null;
  selected: string[];
  onChange: (models: string[]) => void;
  onClose: () => void;
}

/**
 * The fleet's models, each a checkbox item with its device count; stays open while the
 * operator picks several. Escape or a click outside closes it, and focus goes back to the
 * button that opened it.
 */
export default function ModelMenu({ id, anchor, selected, onChange, onClose }: ModelMenuProps) {
  const facets = useQuery(deviceQueries.facets());
  const models = facets.data?.models ?? [];
  const list = useRef<HTMLUListElement>(null);
  const loaded = facets.isSuccess;
  useEffect(() => {
    // Opened while the models were loading: focus was on the list; give it the first model.
    const element = list.current;
    if (!loaded || !element || !element.contains(document.activeElement)) return;
    if (document.activeElement?.getAttribute('role') === 'menuitemcheckbox') return;
    element.querySelector<HTMLElement>('[role="menuitemcheckbox"]')?.focus();
  }, [loaded]);
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
      slotProps={{ list: { 'aria-label': 'Models', ref: list } }}
    >
      {facets.isPending ? <MenuItem disabled>Loading the fleet’s models…</MenuItem> : null}
      {facets.isError ? (
        <MenuItem onClick={() => void facets.refetch()}>
          The models could not be loaded. Retry
        </MenuItem>
      ) : null}
      {models.map(({ model, count }) => {
        const checked = selected.includes(model);
        return (
          <MenuItem
            key={model}
            role="menuitemcheckbox"
            aria-checked={checked}
            onClick={() => toggle(model)}
          >
            {/* A picture of the state, not a control: the item itself is the checkbox. */}
            <ListItemIcon>
              {checked ? (
                <CheckBoxIcon fontSize="small" color="primary" />
              ) : (
                <CheckBoxOutlineBlankIcon fontSize="small" />
              )}
            </ListItemIcon>
            <ListItemText primary={model} secondary={plural(count, 'device')} />
          </MenuItem>
        );
      })}
    </Menu>
  );
}
