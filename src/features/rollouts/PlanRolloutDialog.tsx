import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { RolloutPlanRequest } from '@/api/rollouts';
import { errorMessage } from '@/components/ErrorAlert';
import { FormRadioGroup, FormSelect, FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { useAskApproval } from '@/queries/approvals';
import { FrozenNote, freezeOverrideOf } from '@/features/freezes/public';
import { ApprovalNeeded, askedWords } from '@/features/approvals/public';
import { rolloutQueries, useStartRollout } from '@/queries/rollouts';
import { RolloutPreview } from './RolloutPreview';
import {
  previewRequest,
  RolloutForm,
  rolloutFormDefaults,
  toPlanRequest,
  type ListFilter,
  type RolloutFormValues,
} from './rollout-form';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack component="section" spacing={1.5} aria-label={title}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

/** Whole numbers: a phone shows its digits keyboard. */
const numeric = { htmlInput: { inputMode: 'numeric' } } as const;

/** Waits for typing to pause before the preview asks again. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface PlanRolloutDialogProps {
  deviceType: string;
  /** The site list's search and filter now: "the sites matching the list". */
  filter: ListFilter;
  onClose: () => void;
  /** Says what was done where the dialog leaves the operator (a request asked for approval). */
  onDone: (message: string) => void;
}

/**
 * "Plan a staged rollout…": the sites, the waves and the rules, with a preview of what it
 * will do and when it should finish; "Start rollout" opens the rollout's page. Where the
 * approval rules name the rollout, "Ask for approval" sends it to wait for another person.
 */
export function PlanRolloutDialog({ deviceType, filter, onClose, onDone }: PlanRolloutDialogProps) {
  const titleId = useId();
  const navigate = useNavigate();
  // A long form: on a phone it takes the whole screen.
  const fullScreen = useMediaQuery(useTheme().breakpoints.down('sm'));
  const [requestId] = useState(newRequestId);
  const start = useStartRollout(deviceType);
  const ask = useAskApproval();
  const [display] = useTimeDisplay();
  const [note, setNote] = useState('');
  const { control, handleSubmit } = useForm<RolloutFormValues>({
    resolver: zodResolver(RolloutForm),
    defaultValues: rolloutFormDefaults(),
  });
  const waves = useFieldArray({ control, name: 'waves' });
  const values = useWatch({ control }) as RolloutFormValues;
  const request = useSettled(JSON.stringify(previewRequest(values, filter)));
  const preview = useQuery(
    rolloutQueries.preview(deviceType, JSON.parse(request) as RolloutPlanRequest | null),
  );
  const filtered = Boolean(filter.q || filter.state || filter.cause);

  const approval = preview.data?.approval ?? null;
  const frozen = preview.data?.frozen ?? null;
  const [reason, setReason] = useState('');
  const freezeOverride = frozen ? freezeOverrideOf(reason) : undefined;
  const held = frozen !== null && !approval && !freezeOverride;
  const submit = handleSubmit((valid) => {
    if (approval) {
      ask.mutate(
        {
          requestId,
          deviceType,
          change: { kind: 'rollout', ...toPlanRequest(valid, filter) },
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        {
          onSuccess: (request) => {
            onDone(
              askedWords(request, display, 'the rollout starts once another person approves it.'),
            );
            onClose();
          },
        },
      );
      return;
    }
    start.mutate(
      { requestId, ...toPlanRequest(valid, filter), ...(freezeOverride ? { freezeOverride } : {}) },
      {
        onSuccess: (rollout) => {
          onClose();
          void navigate(`/firmware/${encodeURIComponent(deviceType)}/rollouts/${rollout.id}`);
        },
      },
    );
  });

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="lg"
      fullWidth
      fullScreen={fullScreen}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Plan a staged rollout of {deviceType}</DialogTitle>
        <DialogContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
            <Stack spacing={3} sx={{ flex: 3, minWidth: 0 }}>
              <Section title="Sites">
                <FormRadioGroup
                  control={control}
                  name="scope"
                  label="Which sites"
                  options={[
                    { value: 'old', label: 'Every site on an old version' },
                    {
                      value: 'filtered',
                      label: filtered
                        ? 'The sites matching the list’s search and filter'
                        : 'The sites matching the list’s search and filter (none set: every site)',
                    },
                  ]}
                />
                <FormTextField
                  control={control}
                  name="exclude"
                  label="Exclude sites"
                  helperText="Site numbers, separated by commas or spaces"
                  slotProps={{ htmlInput: { autoComplete: 'off' } }}
                />
              </Section>
              <Section title="Waves">
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
                  <FormSelect
                    control={control}
                    name="pilotKind"
                    label="Pilot wave"
                    options={[
                      { value: 'count', label: 'The first sites, by number' },
                      { value: 'sites', label: 'Named sites' },
                    ]}
                    sx={{ minWidth: 240 }}
                  />
                  {values.pilotKind === 'count' ? (
                    <FormTextField
                      control={control}
                      name="pilotCount"
                      label="Pilot sites"
                      slotProps={numeric}
                    />
                  ) : (
                    <FormTextField
                      control={control}
                      name="pilotSites"
                      label="Pilot site numbers"
                      helperText="e.g. 1011, 1012"
                      sx={{ flex: 1 }}
                    />
                  )}
                </Stack>
                {waves.fields.map((field, index) => (
                  <Stack
                    key={field.id}
                    direction="row"
                    spacing={1}
                    sx={{ alignItems: 'flex-start' }}
                  >
                    <FormSelect
                      control={control}
                      name={`waves.${index}.kind`}
                      label={`Wave ${index + 2}`}
                      options={[
                        { value: 'percent', label: 'Percent of all sites' },
                        { value: 'count', label: 'Number of sites' },
                      ]}
                      sx={{ minWidth: 200 }}
                    />
                    <FormTextField
                      control={control}
                      name={`waves.${index}.value`}
                      label={values.waves[index]?.kind === 'count' ? 'Sites' : 'Percent'}
                      slotProps={numeric}
                      sx={{ width: 120 }}
                    />
                    <IconButton
                      aria-label={`Remove wave ${index + 2}`}
                      onClick={() => waves.remove(index)}
                      sx={{ mt: 1 }}
                    >
                      <DeleteIcon />
                    </IconButton>
                  </Stack>
                ))}
                <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Button
                    variant="outlined"
                    size="small"
                    onClick={() => waves.append({ kind: 'percent', value: '25' })}
                    disabled={waves.fields.length >= 20}
                  >
                    Add a wave
                  </Button>
                  <Typography variant="body2" color="text.secondary">
                    A last wave takes the sites left.
                  </Typography>
                </Stack>
              </Section>
              <Section title="Rules">
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
                  <FormTextField
                    control={control}
                    name="successPercent"
                    label="Next wave at (% installed)"
                    slotProps={numeric}
                  />
                  <FormTextField
                    control={control}
                    name="soakMinutes"
                    label="Then soak (minutes)"
                    slotProps={numeric}
                  />
                </Stack>
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
                  <FormTextField
                    control={control}
                    name="failurePercent"
                    label="Halt above (% failed)"
                    helperText="Empty: no share limit"
                    slotProps={numeric}
                  />
                  <FormTextField
                    control={control}
                    name="failureCount"
                    label="Halt at (sites failed)"
                    helperText="Empty: no count limit"
                    slotProps={numeric}
                  />
                  <FormTextField
                    control={control}
                    name="minFinished"
                    label="Once finished (sites)"
                    helperText="Limits apply from then"
                    slotProps={numeric}
                  />
                </Stack>
                <Controller
                  control={control}
                  name="disarmWaitCounts"
                  render={({ field }) => (
                    <FormControlLabel
                      control={
                        <Checkbox
                          checked={field.value}
                          onChange={(event) => field.onChange(event.target.checked)}
                        />
                      }
                      label="Sites waiting for a disarmed partition count as installed"
                    />
                  )}
                />
                <Typography variant="body2" color="text.secondary">
                  Sites waiting for a connection never count as installed, and no waiting site
                  counts as failed.
                </Typography>
              </Section>
            </Stack>
            <Stack spacing={2} sx={{ flex: 2, minWidth: 0 }}>
              {preview.data ? <RolloutPreview preview={preview.data} /> : null}
              {approval ? (
                <ApprovalNeeded
                  why={approval}
                  then="It starts once another person approves it; until then it waits, with this preview, in Approvals."
                  note={note}
                  onNote={setNote}
                />
              ) : null}
              {frozen ? <FrozenNote frozen={frozen} reason={reason} onReason={setReason} /> : null}
              {preview.isPending && !preview.data ? (
                <Typography color="text.secondary">Counting the sites…</Typography>
              ) : null}
              {preview.isError ? (
                <Alert severity="warning" role="status">
                  {errorMessage(preview.error)}
                </Alert>
              ) : null}
              <MutationError error={start.error} what="The rollout did not start." />
              <MutationError error={ask.error} what="Approval was not asked for." />
            </Stack>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={held || start.isPending || ask.isPending}
          >
            {approval
              ? 'Ask for approval'
              : freezeOverride
                ? 'Start rollout inside the freeze'
                : 'Start rollout'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
