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
import {
  ROLLOUT_LEFT_OUT_LABELS,
  type RolloutPlanPreview,
  type RolloutPlanRequest,
} from '@/api/rollouts';
import { errorMessage } from '@/components/ErrorAlert';
import { FormRadioGroup, FormSelect, FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { rolloutQueries, useStartRollout } from '@/queries/rollouts';
import { formatRange } from './rollout-format';
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

/** The preview as the dialog shows it: waves, left out, forecast. */
function Preview({ preview }: { preview: RolloutPlanPreview }) {
  const [display] = useTimeDisplay();
  return (
    <Stack spacing={1} aria-label="What the rollout will do" component="section">
      <Typography variant="subtitle2" component="h3">
        {plural(preview.sites, `${preview.deviceType} site`)} to {preview.targetVersion}, in{' '}
        {plural(preview.waves.length, 'wave')}
      </Typography>
      <ol style={{ margin: 0, paddingLeft: 20 }}>
        {preview.waves.map((wave) => (
          <li key={wave.number}>
            {wave.number === 1 ? 'Pilot' : `Wave ${wave.number}`}: {plural(wave.sites, 'site')}
            {wave.number === 1 || wave.sites <= 5
              ? ` (${wave.firstSites.slice(0, 5).join(', ')}${wave.sites > 5 ? ', …' : ''})`
              : ''}
            {wave.finish ? <span>, finishing {formatRange(wave.finish, display)}</span> : null}
          </li>
        ))}
      </ol>
      {preview.leftOut.map((group) => (
        <Typography key={group.reason} variant="body2">
          Left out, {ROLLOUT_LEFT_OUT_LABELS[group.reason]}: {plural(group.count, 'site')} (
          {group.sites.slice(0, 8).join(', ')}
          {group.count > 8 ? ', …' : ''})
        </Typography>
      ))}
      {preview.forecast.finish ? (
        <Typography variant="body2">
          Expected to finish {formatRange(preview.forecast.finish, display)}
          {preview.forecast.waiting > 0
            ? `; ${plural(preview.forecast.waiting, 'site')} will wait for a disarmed partition or a connection`
            : ''}
          .
        </Typography>
      ) : null}
      <Typography variant="body2" color="text.secondary">
        {preview.forecast.basis}
      </Typography>
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
}

/**
 * "Plan a staged rollout…": the sites, the waves and the rules, with a preview of what it
 * will do and when it should finish; "Start rollout" opens the rollout's page.
 */
export function PlanRolloutDialog({ deviceType, filter, onClose }: PlanRolloutDialogProps) {
  const titleId = useId();
  const navigate = useNavigate();
  // A long form: on a phone it takes the whole screen.
  const fullScreen = useMediaQuery(useTheme().breakpoints.down('sm'));
  const [requestId] = useState(newRequestId);
  const start = useStartRollout(deviceType);
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

  const submit = handleSubmit((valid) => {
    start.mutate(
      { requestId, ...toPlanRequest(valid, filter) },
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
              {preview.data ? <Preview preview={preview.data} /> : null}
              {preview.isPending && !preview.data ? (
                <Typography color="text.secondary">Counting the sites…</Typography>
              ) : null}
              {preview.isError ? (
                <Alert severity="warning" role="status">
                  {errorMessage(preview.error)}
                </Alert>
              ) : null}
              <MutationError error={start.error} what="The rollout did not start." />
            </Stack>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={start.isPending}>
            Start rollout
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
