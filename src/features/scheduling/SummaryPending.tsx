import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SelectionSummary } from '@/api/devices';
import { QueryErrorAlert } from '@/components/ErrorAlert';

/** What a dialog about a selection shows until the selection has been read: progress, or why not. */
export function SummaryPending({ summary }: { summary: UseQueryResult<SelectionSummary> }) {
  if (summary.isError) {
    return <QueryErrorAlert query={summary} title="The selected devices could not be read" />;
  }
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', py: 2 }}>
      <CircularProgress size={24} aria-label="Loading the selected devices" />
      <Typography>Reading the selected devices…</Typography>
    </Stack>
  );
}
