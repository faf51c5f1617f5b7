import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import type { Approval } from '@/api/approvals';
import { MutationError } from '@/components/MutationError';
import { useDecide } from '@/queries/approvals';

export type DecisionKind = 'approve' | 'deny' | 'withdraw';

const WORDS: Record<DecisionKind, { title: string; button: string; done: string }> = {
  approve: { title: 'Approve', button: 'Approve', done: 'Approved' },
  deny: { title: 'Deny', button: 'Deny', done: 'Denied' },
  withdraw: { title: 'Withdraw the request for', button: 'Withdraw request', done: 'Withdrew' },
};

/** What approving makes happen, in words. */
function approveWords(approval: Approval): string {
  return approval.change.kind === 'rollout'
    ? `The rollout starts now, as ${approval.requestedBy.name}’s, with the waves and rules shown.`
    : `The sites are queued now for the update, as ${approval.requestedBy.name} asked.`;
}

interface DecisionDialogProps {
  approval: Approval;
  kind: DecisionKind;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * "Approve…", "Deny…" or "Withdraw…" a waiting request: a denial says why (for the one who
 * asked), an approval may; the comment stays in the dialog when the decision is refused.
 */
export function DecisionDialog({ approval, kind, onClose, onDone }: DecisionDialogProps) {
  const titleId = useId();
  const decide = useDecide(approval.id);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const words = WORDS[kind];
  const what = `${approval.title.charAt(0).toLowerCase()}${approval.title.slice(1)}`;

  const submit = () => {
    const text = comment.trim();
    if (kind === 'deny' && text === '') {
      setMissing(true);
      return;
    }
    const decision =
      kind === 'withdraw'
        ? ({ kind } as const)
        : kind === 'deny'
          ? ({ kind, comment: text } as const)
          : ({ kind, ...(text ? { comment: text } : {}) } as const);
    decide.mutate(decision, {
      onSuccess: (decided) => {
        const rollout = decided.rolloutId ? `: rollout ${decided.rolloutId} started` : '';
        onDone(`${words.done} request ${decided.id}, ${what}${rollout}.`);
        onClose();
      },
    });
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <DialogTitle id={titleId}>
          {words.title} {what}?
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              {kind === 'approve'
                ? approveWords(approval)
                : kind === 'deny'
                  ? `Nothing is changed. ${approval.requestedBy.name} reads your comment with the request.`
                  : 'Nothing is changed, and the request no longer waits for a decision.'}
            </DialogContentText>
            {kind === 'withdraw' ? null : (
              <TextField
                label="Comment"
                value={comment}
                onChange={(event) => {
                  setComment(event.target.value);
                  setMissing(false);
                }}
                required={kind === 'deny'}
                autoFocus
                multiline
                minRows={2}
                error={missing}
                helperText={
                  missing
                    ? 'Say why the change is denied, for the one who asked.'
                    : kind === 'deny'
                      ? 'Why it is denied, and what would make it acceptable.'
                      : 'Optional: what you checked.'
                }
                slotProps={{ htmlInput: { maxLength: 500 } }}
              />
            )}
            <MutationError
              error={decide.error}
              what={kind === 'approve' ? 'The change was not approved.' : 'Nothing was changed.'}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color={kind === 'approve' ? 'primary' : 'error'}
            disabled={decide.isPending}
          >
            {words.button}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
