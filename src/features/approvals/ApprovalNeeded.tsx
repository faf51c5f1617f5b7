import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import type { Approval } from '@/api/approvals';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';

/**
 * In a dialog whose change the approval rules name: why it needs approval, what happens until
 * then, and a note for the approver.
 */
export function ApprovalNeeded({
  why,
  then,
  note,
  onNote,
}: {
  why: string;
  /** What happens once approved, and until then: "It starts once another person approves it…" */
  then: string;
  note: string;
  onNote: (note: string) => void;
}) {
  return (
    <>
      <Alert severity="info" role="note">
        {why} {then}
      </Alert>
      <TextField
        label="Note for the approver"
        value={note}
        onChange={(event) => onNote(event.target.value)}
        multiline
        minRows={2}
        helperText="Optional: why now, what to check."
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
    </>
  );
}

/** What asking did: "Asked for approval: the rollout starts once … Request 1 stands until …." */
export function askedWords(request: Approval, display: TimeDisplay, then: string): string {
  const until = formatZonedInstant(new Date(request.expiresAt), display.zone, display.locale);
  return `Asked for approval: ${then} Request ${request.id} stands until ${until}.`;
}
