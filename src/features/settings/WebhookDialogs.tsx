import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { NotificationKind } from '@/api/notifications';
import { CreateWebhook, WEBHOOK_EVENT_LABELS, type Webhook } from '@/api/webhooks';
import { FormCheckboxGroup } from '@/components/form/FormCheckboxGroup';
import { FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { useAddWebhook, useRemoveWebhook } from '@/queries/webhooks';

const eventOptions = NotificationKind.options.map((event) => ({
  value: event,
  label: WEBHOOK_EVENT_LABELS[event],
}));

/** 32 random characters of base64url: a secret to paste into the receiver too. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/**
 * "Add a webhook": the receiver's address, the events it wants (approvals waiting and halted
 * rollouts unless chosen), and the secret both sides keep — typed, or made with Generate. A
 * refused address or secret stays in the dialog with the words of why.
 */
export function AddWebhookDialog({
  onClose,
  onDone,
}: {
  onClose: () => void;
  onDone: (webhook: Webhook) => void;
}) {
  const titleId = useId();
  const add = useAddWebhook();
  const { control, handleSubmit, setValue } = useForm<CreateWebhook>({
    resolver: zodResolver(CreateWebhook),
    defaultValues: { url: '', events: ['approval-waiting', 'rollout-halted'], secret: '' },
  });
  const submit = handleSubmit((body) => {
    add.mutate(body, {
      onSuccess: (webhook) => {
        onDone(webhook);
        onClose();
      },
    });
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Add a webhook</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              From now on, each event you choose is posted to this address as JSON, signed with the
              secret. The receiver checks the signature before it trusts the message.
            </DialogContentText>
            <FormTextField
              control={control}
              name="url"
              label="Address"
              placeholder="https://tickets.example.com/hooks/fleet"
              autoFocus
              slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false, maxLength: 2000 } }}
            />
            <FormCheckboxGroup
              control={control}
              name="events"
              label="Events"
              options={eventOptions}
              helperText="What the receiver hears of; “Send a test” works whatever is chosen."
            />
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <FormTextField
                control={control}
                name="secret"
                label="Secret"
                fullWidth
                helperText="Keep it in the receiver too: it is not shown again. At least 16 characters."
                slotProps={{
                  htmlInput: {
                    autoComplete: 'off',
                    spellCheck: false,
                    maxLength: 200,
                    style: { fontFamily: 'monospace' },
                  },
                }}
              />
              {/* Beside the field, not inside it: a button in an input is no input's label. */}
              <Button
                variant="outlined"
                sx={{ mt: 1, flexShrink: 0 }}
                onClick={() =>
                  setValue('secret', newSecret(), { shouldValidate: true, shouldDirty: true })
                }
              >
                Generate
              </Button>
            </Stack>
            <MutationError error={add.error} what="The webhook was not added." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={add.isPending}>
            Add webhook
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Remove webhook": nothing more is sent to it, retries included. */
export function RemoveWebhookDialog({
  webhook,
  onClose,
  onDone,
}: {
  webhook: Webhook;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const titleId = useId();
  const remove = useRemoveWebhook();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>Remove webhook</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Nothing more is sent to {webhook.url}, not even the retries still waiting. It leaves
            this list with its deliveries.
          </DialogContentText>
          <MutationError error={remove.error} what="The webhook was not removed." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep webhook</Button>
        <Button
          variant="contained"
          color="error"
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(webhook.id, {
              onSuccess: () => {
                onDone(`The webhook ${webhook.url} is removed.`);
                onClose();
              },
            })
          }
        >
          Remove webhook
        </Button>
      </DialogActions>
    </Dialog>
  );
}
