import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { DeviceSelection, ScheduleChangeResult, SelectionSummary } from '@/api/devices';
import { deviceLabel } from '@/domain/device-label';
import { MutationError } from '@/components/MutationError';
import {
  FormAutocomplete,
  FormRadioGroup,
  FormSelect,
  FormTextField,
} from '@/components/form/FormFields';
import { plural } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { formatNextWindow } from '@/domain/format-freeze';
import { useFreezeSpans } from '@/queries/freeze-spans';
import {
  formDefaults,
  ScheduleFormSchema,
  timeZoneOptions,
  toSchedule,
  weekdayOptions,
  windowOf,
  type ScheduleFormValues,
} from './schedule-form';
import { deviceQueries, useSetSchedule } from '@/queries/devices';
import { SummaryPending } from './SummaryPending';
import { useTimeDisplay } from '@/lib/time-display';

export interface SchedulingDialogProps {
  open: boolean;
  /** The devices the schedule is for, as the contract names them. */
  selection: DeviceSelection;
  /** How many devices the selection holds (shown until the server has counted). */
  count: number;
  onClose: () => void;
  /** Says what was saved, once the dialog has closed. */
  onDone?: (message: string) => void;
}

/** "Update schedule saved for 12 devices." and how many ignore it, if any. */
export function scheduleSavedText(result: ScheduleChangeResult): string {
  const ignored = result.notSupported.count + result.notOnboarded.count;
  const saved = `Update schedule saved for ${plural(result.updated, 'device')}.`;
  return ignored === 0 ? saved : `${saved} ${plural(ignored, 'device')} ignore it.`;
}

export function schedulingTitle(count: number): string {
  return `Software scheduling (${plural(count, 'device')})`;
}

/** Devices that will ignore the schedule, counted and named ("1 device does not…"). */
function IgnoredDevices({
  group,
  singular,
  plural: pluralVerb,
}: {
  group: SelectionSummary['notSupported'];
  singular: string;
  plural: string;
}) {
  if (group.count === 0) return null;
  const more = group.count - group.devices.length;
  return (
    <Alert severity="info" role="note">
      {plural(group.count, 'device')} {group.count === 1 ? singular : pluralVerb} and will ignore
      it:
      <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
        {group.devices.map((device) => (
          <li key={device.id}>{deviceLabel(device)}</li>
        ))}
        {more > 0 ? <li>and {plural(more, 'more device')}</li> : null}
      </Box>
    </Alert>
  );
}

/** The scheduling dialog: when the selected devices may install interruptive updates. */
export function SchedulingDialog(props: SchedulingDialogProps) {
  const { open, selection, count, onClose } = props;
  const titleId = useId();
  const summary = useQuery({ ...deviceQueries.summary(selection), enabled: open });
  const total = summary.data?.total ?? count;

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>{schedulingTitle(total)}</DialogTitle>
      {summary.data ? (
        // Loaded first, then the form starts from complete defaults (the shared schedule).
        <SchedulingForm {...props} summary={summary.data} />
      ) : (
        <>
          <DialogContent>
            <SummaryPending summary={summary} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" disabled>
              Apply
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

function SchedulingForm({
  selection,
  onClose,
  onDone,
  summary,
}: SchedulingDialogProps & { summary: SelectionSummary }) {
  const now = useNow();
  const [display] = useTimeDisplay();
  const setSchedule = useSetSchedule();
  const spans = useFreezeSpans(null);
  const { control, handleSubmit } = useForm<ScheduleFormValues>({
    resolver: zodResolver(ScheduleFormSchema),
    defaultValues: formDefaults(summary.sharedSchedule, display.localZone),
    mode: 'onChange',
  });
  const values = useWatch({ control }) as ScheduleFormValues;
  const window = windowOf(values);
  const next =
    values.mode === 'asap'
      ? 'As soon as a new software is available'
      : window
        ? formatNextWindow(window, now, spans, display)
        : 'Complete the window to see it';

  const submit = handleSubmit((form) => {
    setSchedule.mutate(
      { selection, schedule: toSchedule(form) },
      {
        onSuccess: (result) => {
          onClose();
          onDone?.(scheduleSavedText(result));
        },
      },
    );
  });

  return (
    <Box component="form" onSubmit={(event) => void submit(event)} noValidate>
      <DialogContent>
        <Stack spacing={2}>
          <Typography>
            Set the rules for how automatic software upgrades may be handled for these devices. Some
            selected devices might not support software scheduling. Incompatible devices will simply
            ignore it.
          </Typography>
          <IgnoredDevices
            group={summary.notSupported}
            singular="does not support software scheduling"
            plural="do not support software scheduling"
          />
          <IgnoredDevices
            group={summary.notOnboarded}
            singular="is not onboarded to Connected services"
            plural="are not onboarded to Connected services"
          />
          <FormRadioGroup
            control={control}
            name="mode"
            label="Software upgrade frequency"
            options={[
              { value: 'asap', label: 'Upgrade as soon as a new software is available' },
              { value: 'window', label: 'Set maintenance window' },
            ]}
          />
          {values.mode === 'window' ? (
            <Stack spacing={2}>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <FormSelect
                  control={control}
                  name="window.repeat"
                  label="Repeat"
                  options={[
                    { value: 'daily', label: 'Every day' },
                    { value: 'weekly', label: 'Every week' },
                  ]}
                  sx={{ minWidth: 150 }}
                />
                {values.window.repeat === 'weekly' ? (
                  <FormSelect
                    control={control}
                    name="window.weekday"
                    label="Day"
                    options={weekdayOptions}
                    sx={{ minWidth: 150 }}
                  />
                ) : null}
                <FormTextField
                  control={control}
                  name="window.startTime"
                  label="Start time"
                  type="time"
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 60 } }}
                  sx={{ minWidth: 130 }}
                />
              </Stack>
              <FormAutocomplete
                control={control}
                name="window.timeZone"
                label="Time zone"
                options={timeZoneOptions()}
                helperText="Any IANA time zone; type to search."
              />
            </Stack>
          ) : (
            <Typography color="text.secondary">
              The camera checks for new software regularly (every two hours, counted from its start)
              and installs it when found. No action is required.
            </Typography>
          )}
          <Typography sx={{ fontWeight: 600 }} aria-live="polite">
            Next maintenance window: {next}
          </Typography>
          {values.mode === 'window' ? (
            <Typography variant="body2" color="text.secondary">
              The camera will check for updates within this window and install them if available.
              The window lasts four hours; most cameras update and reboot in its first hours.
              Seamless updates, such as system apps, still install as soon as they are available.
            </Typography>
          ) : null}
          <MutationError
            error={setSchedule.error}
            what="The schedule was not applied."
            next="Your choices are kept: try Apply again."
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={setSchedule.isPending || summary.schedulable === 0}
        >
          Apply
        </Button>
      </DialogActions>
    </Box>
  );
}
