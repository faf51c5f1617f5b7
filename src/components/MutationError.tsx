import Alert from '@mui/material/Alert';
import { errorMessage } from './ErrorAlert';

/**
 * A failed submit, shown inside its dialog: what did not happen, why, and what to do. The
 * dialog stays open with what the operator entered.
 */
export function MutationError({
  error,
  what,
  next,
}: {
  error: unknown;
  what: string;
  next: string;
}) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert">
      {what} {errorMessage(error)} {next}
    </Alert>
  );
}
