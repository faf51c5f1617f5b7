import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { z } from 'zod/mini';
import { APPROVAL_STANDS_MAX_HOURS, rulesWords, type ApprovalRules } from '@/api/approvals';
import { FormRadioGroup, FormTextField } from '@/components/form/FormFields';
import { optionalWhole, whole } from '@/components/form/whole-numbers';
import { MutationError } from '@/components/MutationError';
import { useSetApprovalRules } from '@/queries/approvals';

const RulesForm = z.object({
  follow: z.enum(['fleet', 'own']),
  rollouts: z.boolean(),
  updateAll: z.boolean(),
  aboveSites: optionalWhole(1, 1_000_000, 'the number of sites'),
  standsHours: whole(1, APPROVAL_STANDS_MAX_HOURS, 'the hours a request stands'),
});
type RulesFormValues = z.infer<typeof RulesForm>;

function toRules(values: RulesFormValues): ApprovalRules {
  return {
    rollouts: values.rollouts,
    updateAll: values.updateAll,
    aboveSites: values.aboveSites.trim() === '' ? null : Number(values.aboveSites),
    standsHours: Number(values.standsHours),
  };
}

function CheckField({
  control,
  name,
  label,
  disabled,
}: {
  control: Control<RulesFormValues>;
  name: 'rollouts' | 'updateAll';
  label: string;
  disabled: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControlLabel
          disabled={disabled}
          control={
            <Checkbox
              checked={field.value}
              onChange={(event) => field.onChange(event.target.checked)}
            />
          }
          label={label}
        />
      )}
    />
  );
}

interface RulesDialogProps {
  /** null: the fleet's rules. */
  deviceType: string | null;
  /** The rules in force: the type's own, or the fleet's it follows. */
  rules: ApprovalRules;
  /** Whether they are the type's own (always, for the fleet). */
  own: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Change…" a scope's approval rules: which changes need a second person, and for how long a request stands. */
export function RulesDialog({ deviceType, rules, own, onClose, onDone }: RulesDialogProps) {
  const titleId = useId();
  const save = useSetApprovalRules();
  const { control, handleSubmit } = useForm<RulesFormValues>({
    resolver: zodResolver(RulesForm),
    defaultValues: {
      follow: own ? 'own' : 'fleet',
      rollouts: rules.rollouts,
      updateAll: rules.updateAll,
      aboveSites: rules.aboveSites === null ? '' : String(rules.aboveSites),
      standsHours: String(rules.standsHours),
    },
  });
  const follow = useWatch({ control, name: 'follow' });
  const following = deviceType !== null && follow === 'fleet';
  const scope = deviceType ?? 'the fleet';

  const submit = handleSubmit((values) => {
    const next = deviceType !== null && values.follow === 'fleet' ? null : toRules(values);
    save.mutate(
      { deviceType, rules: next },
      {
        onSuccess: () => {
          onDone(
            next
              ? `Approval rules of ${scope} saved: ${rulesWords(next)}`
              : `${scope} follows the fleet’s approval rules.`,
          );
          onClose();
        },
      },
    );
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Approval rules of {scope}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              A change these rules name is not made at once: it waits, with what it will do, until
              another person with the permission approves it. Requests already waiting keep the
              rules they were asked under.
            </DialogContentText>
            {deviceType !== null ? (
              <FormRadioGroup
                control={control}
                name="follow"
                label={`Rules of ${deviceType}`}
                options={[
                  { value: 'fleet', label: 'Follow the fleet’s rules' },
                  { value: 'own', label: `${deviceType}’s own rules` },
                ]}
              />
            ) : null}
            <FormGroup>
              <FormLabel component="legend">Need a second person’s approval</FormLabel>
              <CheckField
                control={control}
                name="rollouts"
                label="Staged rollouts"
                disabled={following}
              />
              <CheckField
                control={control}
                name="updateAll"
                label="“Update software at all sites”"
                disabled={following}
              />
            </FormGroup>
            <FormTextField
              control={control}
              name="aboveSites"
              label="Any change of more than (sites)"
              helperText="A rollout or “Update all sites” of more sites needs approval. Empty: no size limit."
              disabled={following}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <FormTextField
              control={control}
              name="standsHours"
              label="A request stands for (hours)"
              helperText="Then it expires, undecided. 1 to 168 (a week)."
              disabled={following}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <MutationError error={save.error} what="The rules were not saved." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            Save rules
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
