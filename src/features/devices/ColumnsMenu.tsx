import Divider from '@mui/material/Divider';
import MenuItem from '@mui/material/MenuItem';
import CheckMenu from '@/components/CheckMenu';
import { hideableColumns, type HideableColumn } from './columns';

/** Which columns the device table shows, and one click back to all of them. */
export default function ColumnsMenu({
  id,
  anchor,
  hidden,
  onChange,
  onClose,
}: {
  id: string;
  anchor: HTMLElement | null;
  hidden: HideableColumn[];
  onChange: (hidden: HideableColumn[] | null) => void;
  onClose: () => void;
}) {
  return (
    <CheckMenu
      id={id}
      anchor={anchor}
      label="Columns"
      items={hideableColumns}
      checked={(column) => !hidden.includes(column as HideableColumn)}
      onToggle={(value) => {
        const column = value as HideableColumn;
        onChange(
          hidden.includes(column) ? hidden.filter((each) => each !== column) : [...hidden, column],
        );
      }}
      onClose={onClose}
      after={[
        <Divider key="divider" />,
        <MenuItem
          key="reset"
          disabled={hidden.length === 0}
          onClick={() => {
            onChange(null);
            onClose();
          }}
        >
          Show all columns
        </MenuItem>,
      ]}
    />
  );
}
