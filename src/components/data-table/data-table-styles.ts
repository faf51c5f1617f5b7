import type { Theme } from '@mui/material/styles';

/**
 * The look of every DataTable, styled once for the whole table: body rows are plain `tr`/`td`
 * elements. Spacing and row height come from the operator's density (see density.tsx); the
 * classes are internal, never a test's handle.
 */
export function dataTableStyles(theme: Theme) {
  const hover = theme.vars?.palette.action.hover;
  const selected = theme.vars?.palette.action.selected;
  return {
    '& tbody td': {
      ...theme.typography.body2,
      lineHeight: '20px',
      borderBottom: `1px solid ${theme.vars?.palette.TableCell.border ?? theme.palette.divider}`,
      verticalAlign: 'middle',
      whiteSpace: 'nowrap',
    },
    // On a desktop a header may take two lines where the columns need the room; on a phone
    // the table scrolls sideways in its own region anyway, and headers keep to one line.
    '& thead th': { whiteSpace: 'nowrap', [theme.breakpoints.up('md')]: { whiteSpace: 'normal' } },
    '& :is(td, th).align-right': { textAlign: 'right' },
    // A column of sentences (`meta.className: 'wraps'`) wraps inside a readable width.
    '& tbody td.wraps': { whiteSpace: 'normal', minWidth: 200, maxWidth: 360 },
    // The sort arrow keeps close to its label: every pixel counts at 1280 px.
    '& th .MuiTableSortLabel-icon': { marginLeft: '2px', marginRight: 0 },
    '& th.align-right .MuiTableSortLabel-icon': { marginLeft: 0, marginRight: '2px' },
    '& tbody tr:hover': { backgroundColor: hover },
    '& tbody tr[data-selected]': { backgroundColor: selected },
    // Long texts end in an ellipsis; the whole text is in the cell's title.
    '& td.truncate': { overflow: 'hidden', textOverflow: 'ellipsis' },
    // Pinned columns stay in view while the table scrolls sideways (a phone).
    '& :is(td, th).pinned': {
      position: 'sticky' as const,
      zIndex: 1,
      backgroundColor: theme.vars?.palette.background.paper,
    },
    '& :is(td, th).pinned-edge': { boxShadow: `inset -1px 0 0 ${theme.vars?.palette.divider}` },
    '& thead th.pinned': { zIndex: 3, whiteSpace: 'nowrap' },
    '& tbody tr:hover td.pinned': {
      backgroundImage: `linear-gradient(${hover}, ${hover})`,
    },
    '& tbody tr[data-selected] td.pinned': {
      backgroundImage: `linear-gradient(${selected}, ${selected})`,
    },
  };
}
