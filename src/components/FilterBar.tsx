import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';

/**
 * The row above a list: its search box and filters, wrapping onto more lines on a narrow
 * screen with every line starting at the same left edge.
 */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Stack
      direction="row"
      spacing={1.5}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}
    >
      {children}
    </Stack>
  );
}
