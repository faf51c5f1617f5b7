import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { FreezeOverride } from '@/api/freezes';
import { usePermission } from '@/queries/session';

/** The override a change carries, once the reason is long enough; undefined otherwise. */
export function freezeOverrideOf(reason: string): FreezeOverride | undefined {
  const parsed = FreezeOverride.safeParse({ reason });
  return parsed.success ? parsed.data : undefined;
}

/**
 * In a dialog whose change a freeze stops: the freeze in words, and for an administrator the
 * written reason to start it inside the freeze (for others, who can).
 */
export function FrozenNote({
  frozen,
  reason,
  onReason,
}: {
  /** "Nord GSM is frozen until … by “Holiday freeze”", from the plan or preview. */
  frozen: string;
  reason: string;
  onReason: (reason: string) => void;
}) {
  const may = usePermission('override-freezes');
  const short = reason.trim().length > 0 && !freezeOverrideOf(reason);
  return (
    <>
      <Alert severity="warning" role="note">
        {frozen}: nothing starts until then.{' '}
        {may.allowed
          ? 'To start it now, give the reason it cannot wait: the activity keeps it.'
          : `${may.reason} Only an administrator may start it inside the freeze, with a written reason.`}
      </Alert>
      {may.allowed ? (
        <TextField
          label="Reason to start inside the freeze"
          value={reason}
          onChange={(event) => onReason(event.target.value)}
          multiline
          minRows={2}
          error={short}
          helperText={
            short
              ? 'Say in at least 10 characters why this cannot wait for the freeze to end.'
              : 'At least 10 characters; kept in the activity with the change.'
          }
          slotProps={{ htmlInput: { maxLength: 300 } }}
        />
      ) : null}
    </>
  );
}
