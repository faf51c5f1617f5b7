import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';

/** What a table looks like while its first page loads: busy, named, and row-shaped. */
export function TableSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <Paper variant="outlined" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} variant="text" height={36} sx={{ mx: 2 }} />
      ))}
    </Paper>
  );
}
