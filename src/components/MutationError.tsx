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
  /** What to do next, when the error's own message does not say it. */
  next?: string;
}) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert">
      {[what, errorMessage(error), next].filter(Boolean).join(' ')}
    </Alert>
  );
}
