import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { ReactNode, Ref } from 'react';

export interface CheckItem {
  value: string;
  label: string;
  secondary?: string;
  disabled?: boolean;
}

interface CheckMenuProps {
  id: string;
  anchor: HTMLElement | null;
  /** The menu's accessible name. */
  label: string;
  items: readonly CheckItem[];
  checked: (value: string) => boolean;
  onToggle: (value: string) => void;
  onClose: () => void;
  /** Items before the checklist (loading, an error with Retry); an array, never a fragment. */
  before?: ReactNode[];
  /** Items after it (a way back to the defaults); an array, never a fragment. */
  after?: ReactNode[];
  listRef?: Ref<HTMLUListElement>;
}

/**
 * A menu of checkbox items (`menuitemcheckbox`) that stays open while the operator ticks
 * several. Escape or a click outside closes it, and focus goes back to the button that
 * opened it. Loaded when first opened, with MUI's menus.
 */
export default function CheckMenu({
  id,
  anchor,
  label,
  items,
  checked,
  onToggle,
  onClose,
  before,
  after,
  listRef,
}: CheckMenuProps) {
  return (
    <Menu
      id={id}
      open
      anchorEl={anchor}
      onClose={onClose}
      slotProps={{ list: { 'aria-label': label, ref: listRef } }}
    >
      {before}
      {items.map((item) => {
        const on = checked(item.value);
        return (
          <MenuItem
            key={item.value}
            role="menuitemcheckbox"
            aria-checked={on}
            disabled={item.disabled}
            onClick={() => onToggle(item.value)}
          >
            {/* A picture of the state, not a control: the item itself is the checkbox. */}
            <ListItemIcon>
              {on ? (
                <CheckBoxIcon fontSize="small" color="primary" />
              ) : (
                <CheckBoxOutlineBlankIcon fontSize="small" />
              )}
            </ListItemIcon>
            <ListItemText primary={item.label} secondary={item.secondary} />
          </MenuItem>
        );
      })}
      {after}
    </Menu>
  );
}
