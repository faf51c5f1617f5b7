import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod/mini';
import { RecallReason, type RecallPlan, type RecallResult } from '@/api/recalls';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { siteQueries, useRecallVersion } from '@/queries/sites';

const RecallForm = z.object({ reason: RecallReason });
type RecallForm = z.infer<typeof RecallForm>;

/** "sites 1017, 1019 and 1020", the first few of a list. */
function named(sites: readonly number[], count: number): string {
  const shown = sites.slice(0, 8).join(', ');
  return count > 8 ? `${shown} and ${count - 8} more` : shown;
}

/** What the recall will do, one line per consequence, as the plan says. */
function Preview({ plan }: { plan: RecallPlan }) {
  const { cancels, halts, stillInstall, version, replacedBy } = plan;
  const lines = [
    cancels.count > 0
      ? `Cancels ${plural(cancels.count, 'update')} to ${version} not yet downloaded (${cancels.count === 1 ? 'site' : 'sites'} ${named(cancels.sites, cancels.count)}).`
      : `Cancels no update: none to ${version} is queued or downloading.`,
    halts.length > 0
      ? `Halts ${halts.map((run) => `rollout ${run.id} (${plural(run.sites, 'site')})`).join(', ')}.`
      : `Halts no rollout: none is installing ${version}.`,
    stillInstall.count > 0
      ? `Still installs ${version} on ${plural(stillInstall.count, 'site')} past the download (${named(stillInstall.sites, stillInstall.count)}): a downloaded update can no longer be cancelled.`
      : `Leaves nothing to install: no site has downloaded ${version} yet.`,
    plan.onVersion > 0
      ? `${plural(plan.onVersion, 'site')} already on ${version} will count as “no update planned” until updated to ${replacedBy ?? 'another version'}.`
      : `No site runs ${version} yet.`,
  ];
  return (
    <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 3 }} aria-label="What the recall does">
      {lines.map((line) => (
        <Typography component="li" key={line}>
          {line}
        </Typography>
      ))}
    </Stack>
  );
}

/** The recall's outcome in one sentence, for the page's notice. */
export function recallDoneWords(result: RecallResult): string {
  const halted =
    result.halted.length > 0 ? ` Halted ${plural(result.halted.length, 'rollout')}.` : '';
  return `${result.version} recalled: ${plural(result.cancelled, 'update')} cancelled.${halted} ${result.currentVersion} is the current version now.`;
}

interface RecallDialogProps {
  deviceType: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * "Recall 5.40…": the type's current version taken back, after a preview of what it cancels,
 * halts and can no longer stop, with a reason the activity keeps.
 */
export function RecallDialog({ deviceType, onClose, onDone }: RecallDialogProps) {
  const titleId = useId();
  const [requestId] = useState(newRequestId);
  const plan = useQuery(siteQueries.recall(deviceType));
  const recall = useRecallVersion(deviceType);
  const { control, handleSubmit } = useForm<RecallForm>({
    resolver: zodResolver(RecallForm),
    defaultValues: { reason: '' },
  });
  const version = plan.data?.version;
  const refusal = plan.data?.refusal ?? null;

  const submit = handleSubmit(({ reason }) => {
    if (!version) return;
    recall.mutate(
      { version, reason, requestId },
      {
        onSuccess: (result) => {
          onDone(recallDoneWords(result));
          onClose();
        },
      },
    );
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>
          {version ? `Recall ${deviceType} ${version}` : `Recall a ${deviceType} version`}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            {plan.isPending ? (
              <DialogContentText>Working out what it would do…</DialogContentText>
            ) : null}
            {plan.isError ? (
              <QueryErrorAlert query={plan} title="What the recall would do could not be loaded." />
            ) : null}
            {plan.data ? (
              <>
                <DialogContentText>
                  {plan.data.replacedBy
                    ? `After the recall, ${plan.data.replacedBy} is the current version: no update, “Update software at all sites” or rollout installs ${plan.data.version} any more. A recall cannot be undone.`
                    : null}
                </DialogContentText>
                {refusal ? <Alert severity="error">{refusal}</Alert> : <Preview plan={plan.data} />}
              </>
            ) : null}
            {plan.data && !refusal ? (
              <FormTextField
                control={control}
                name="reason"
                label="Reason"
                placeholder="Panels lose their GPRS link after a day"
                multiline
                minRows={2}
                helperText="Kept in the activity and told to everyone with the recall."
                slotProps={{ htmlInput: { maxLength: 300 } }}
              />
            ) : null}
            <MutationError error={recall.error} what="Nothing was recalled." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          {plan.data && !refusal ? (
            <Button type="submit" variant="contained" color="error" disabled={recall.isPending}>
              Recall {plan.data.version}
            </Button>
          ) : null}
        </DialogActions>
      </form>
    </Dialog>
  );
}
