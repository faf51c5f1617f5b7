import DensityMediumIcon from '@mui/icons-material/DensityMedium';
import DensitySmallIcon from '@mui/icons-material/DensitySmall';
import Button from '@mui/material/Button';
import type { Theme } from '@mui/material/styles';
import { oneOf, usePreference } from '@/lib/preferences';

export const densities = ['standard', 'compact'] as const;
export type Density = (typeof densities)[number];

/** Row heights the tables keep to, borders included. */
export const ROW_HEIGHT: Record<Density, number> = { standard: 44, compact: 36 };

/** The operator's row density, remembered per browser; every table follows it. */
export function useDensity(): [Density, (density: Density | null) => void] {
  return usePreference<Density>('density', 'standard', oneOf(densities));
}

/** A toggle for compact rows, pressed while they are on. */
export function DensityToggle() {
  const [density, setDensity] = useDensity();
  const compact = density === 'compact';
  return (
    <Button
      size="small"
      aria-pressed={compact}
      startIcon={compact ? <DensitySmallIcon /> : <DensityMediumIcon />}
      onClick={() => setDensity(compact ? null : 'compact')}
    >
      Compact rows
    </Button>
  );
}

/**
 * Cell spacing for a table at a density: one line of body text per row (a second, smaller
 * line where a cell has one) within `ROW_HEIGHT`. Applies to MUI's cells and to plain ones.
 */
export function tableDensity(density: Density) {
  const compact = density === 'compact';
  return (theme: Theme) => ({
    '& :is(th, td)': {
      // Strings: in `sx` a bare number for padding is spacing units, not pixels.
      paddingTop: compact ? '2px' : '3px',
      paddingBottom: compact ? '2px' : '3px',
      paddingLeft: theme.spacing(compact ? 0.75 : 1),
      paddingRight: theme.spacing(compact ? 0.75 : 1),
      lineHeight: '20px',
      height: `${ROW_HEIGHT[density]}px`,
      boxSizing: 'border-box' as const,
      whiteSpace: 'nowrap' as const,
    },
    // Controls inside cells fit the row: buttons and selects lose their extra padding.
    '& td .MuiButton-root': { paddingTop: 0, paddingBottom: 0 },
    '& td .MuiInputBase-root .MuiInputBase-input': {
      paddingTop: compact ? '2px' : '5px',
      paddingBottom: compact ? '2px' : '5px',
      minHeight: 0,
      lineHeight: '20px',
    },
    // Long texts end in an ellipsis; the whole text is in the cell's title.
    '& td.truncate, & td .truncate': {
      maxWidth: 240,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    '& :is(th, td):first-of-type': { paddingLeft: theme.spacing(2) },
    // `td` first: this wins over a cell's own `display` (such as `.truncate`).
    '& td .secondary-line': {
      display: compact ? 'none' : 'block',
      fontSize: '0.75rem',
      lineHeight: '16px',
      color: theme.vars?.palette.text.secondary,
    },
  });
}
