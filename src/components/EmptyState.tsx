import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** What an empty table says, inside its frame and in one style on every screen. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Typography role="status" color="text.secondary" sx={{ px: 2, py: 3 }}>
      {children}
    </Typography>
  );
}
