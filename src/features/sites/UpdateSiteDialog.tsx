import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod/mini';
import { FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { FrozenNote, freezeOverrideOf, useFrozenNow } from '@/features/freezes/public';
import { useUpdateSite } from '@/queries/sites';

const SiteNumberForm = z.object({
  siteNumber: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter the number of the site to update.'),
      z.regex(/^\d+$/, 'A site number has digits only, e.g. 1011.'),
    ),
});
type SiteNumberForm = z.infer<typeof SiteNumberForm>;

interface UpdateSiteDialogProps {
  deviceType: string;
  currentVersion: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Update using site number…": queues one site; a refusal keeps the dialog and the input. */
export function UpdateSiteDialog({
  deviceType,
  currentVersion,
  onClose,
  onDone,
}: UpdateSiteDialogProps) {
  const titleId = useId();
  const update = useUpdateSite(deviceType);
  const { control, handleSubmit } = useForm<SiteNumberForm>({
    resolver: zodResolver(SiteNumberForm),
    defaultValues: { siteNumber: '' },
  });
  // Inside a freeze only an administrator's written reason queues it.
  const frozen = useFrozenNow(deviceType);
  const [reason, setReason] = useState('');
  const freezeOverride = frozen ? freezeOverrideOf(reason) : undefined;
  const held = frozen !== null && !freezeOverride;
  const submit = handleSubmit(({ siteNumber }) => {
    const request = {
      siteNumber: Number(siteNumber),
      ...(freezeOverride ? { freezeOverride } : {}),
    };
    update.mutate(request, {
      onSuccess: (site) => {
        onDone(`Site ${site.number} is queued for the update to ${currentVersion}.`);
        onClose();
      },
    });
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Update using site number</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Queue one {deviceType} site for the update to {currentVersion}, for example to try the
              new software before updating every site.
            </DialogContentText>
            <FormTextField
              control={control}
              name="siteNumber"
              label="Site number"
              autoFocus
              slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
            />
            {frozen ? <FrozenNote frozen={frozen} reason={reason} onReason={setReason} /> : null}
            <MutationError error={update.error} what="The site was not queued." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={held || update.isPending}>
            {freezeOverride ? 'Update inside the freeze' : 'Update'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
