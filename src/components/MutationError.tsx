import Alert from '@mui/material/Alert';
import { isApiError } from '@/api/errors';
import { errorMessage } from './ErrorAlert';

/** Said after a 409: the query client has refreshed what is on screen (query-client.ts). */
export const REFRESHED_AFTER_CONFLICT = 'The screen has been refreshed to show the current state.';

/**
 * A failed submit, shown inside its dialog: what did not happen, why, and what to do. The
 * dialog stays open with what the operator entered. A conflict (409) says what changed (the
 * server's message) and that the screen now shows the current state.
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
      {[
        what,
        errorMessage(error),
        isApiError(error) && error.isConflict ? REFRESHED_AFTER_CONFLICT : next,
      ]
        .filter(Boolean)
        .join(' ')}
    </Alert>
  );
}
