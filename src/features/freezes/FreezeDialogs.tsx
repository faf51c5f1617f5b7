import { zodResolver } from '@hookform/resolvers/zod';
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
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod/mini';
import { FREEZE_MAX_DAYS, FreezeName, type Freeze } from '@/api/freezes';
import {
  FormAutocomplete,
  FormSelect,
  FormTextField,
  type SelectOption,
} from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { dayText, freezeInstants, parseDay } from '@/domain/freezes';
import { timeZoneOptions } from '@/lib/time-zone-options';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { addDays, isValidTimeZone, zonedParts } from '@/lib/time-zone';
import { useAddFreeze, useEndFreeze } from '@/queries/freezes';
import { siteQueries } from '@/queries/sites';
import { freezeDays } from './freeze-words';

/** The scope field's value for the whole fleet (no device type is named so). */
const FLEET = '*fleet*';
const DAY_MS = 24 * 60 * 60_000;

const FreezeForm = z
  .object({
    name: FreezeName,
    deviceType: z.string(),
    firstDay: z
      .string()
      .check(z.refine((text) => parseDay(text) !== null, 'Choose the first day.')),
    lastDay: z.string().check(z.refine((text) => parseDay(text) !== null, 'Choose the last day.')),
    timeZone: z.string().check(z.refine(isValidTimeZone, 'Choose a time zone from the list.')),
  })
  .check(
    z.refine(
      (form) =>
        parseDay(form.firstDay) === null ||
        parseDay(form.lastDay) === null ||
        form.lastDay >= form.firstDay,
      { message: 'Choose a last day on or after the first day.', path: ['lastDay'] },
    ),
    z.refine(
      (form) => {
        const span = freezeInstants(form.firstDay, form.lastDay, 'UTC');
        return span === null || span.end - span.start <= FREEZE_MAX_DAYS * DAY_MS;
      },
      {
        message: `A freeze lasts at most ${FREEZE_MAX_DAYS} days: add a second one after it.`,
        path: ['lastDay'],
      },
    ),
  );
type FreezeFormValues = z.infer<typeof FreezeForm>;

interface DialogProps {
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Add a freeze…": a name, the fleet or one device type, the first and last day, a zone. */
export function AddFreezeDialog({ onClose, onDone }: DialogProps) {
  const titleId = useId();
  const [display] = useTimeDisplay();
  const [requestId] = useState(newRequestId);
  const add = useAddFreeze();
  const stats = useQuery(siteQueries.stats());
  const [defaults] = useState(() => {
    const today = zonedParts(Date.now(), display.localZone);
    return {
      name: '',
      deviceType: FLEET,
      firstDay: dayText(addDays(today, 1)),
      lastDay: dayText(addDays(today, 7)),
      timeZone: display.localZone,
    };
  });
  const { control, handleSubmit } = useForm<FreezeFormValues>({
    resolver: zodResolver(FreezeForm),
    defaultValues: defaults,
    mode: 'onChange',
  });
  const values = useWatch({ control }) as FreezeFormValues;
  const scopes: SelectOption<string>[] = [
    { value: FLEET, label: 'The whole fleet' },
    ...(stats.data?.items ?? []).map((type) => ({
      value: type.deviceType,
      label: type.deviceType,
    })),
  ];
  const valid = freezeInstants(values.firstDay, values.lastDay, values.timeZone) !== null;
  const what = values.deviceType === FLEET ? 'the whole fleet' : values.deviceType;

  const submit = handleSubmit((form) => {
    add.mutate(
      {
        requestId,
        name: form.name,
        deviceType: form.deviceType === FLEET ? null : form.deviceType,
        firstDay: form.firstDay,
        lastDay: form.lastDay,
        timeZone: form.timeZone,
      },
      {
        onSuccess: (freeze) => {
          onDone(`Change freeze “${freeze.name}” added: ${freezeDays(freeze)}.`);
          onClose();
        },
      },
    );
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Add a change freeze</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Inside a freeze no maintenance window, update or rollout wave starts: windows move
              after it, waves wait until it ends, and a change started inside it is refused. An
              administrator may still start one, with a written reason the activity keeps.
            </DialogContentText>
            <FormTextField
              control={control}
              name="name"
              label="Name"
              placeholder="Holiday freeze"
              autoFocus
              slotProps={{ htmlInput: { maxLength: 80 } }}
            />
            <FormSelect control={control} name="deviceType" label="Applies to" options={scopes} />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <FormTextField
                control={control}
                name="firstDay"
                label="First day"
                type="date"
                slotProps={{ inputLabel: { shrink: true } }}
                sx={{ flex: 1 }}
              />
              <FormTextField
                control={control}
                name="lastDay"
                label="Last day"
                type="date"
                slotProps={{ inputLabel: { shrink: true } }}
                sx={{ flex: 1 }}
              />
            </Stack>
            <FormAutocomplete
              control={control}
              name="timeZone"
              label="Time zone"
              options={timeZoneOptions()}
              helperText="The days begin and end at midnight in this zone."
            />
            <Typography sx={{ fontWeight: 600 }} aria-live="polite">
              {valid
                ? `Frozen: ${what}, ${freezeDays(values)}, both days included.`
                : 'Choose the days to see the freeze.'}
            </Typography>
            <MutationError
              error={add.error}
              what="The freeze was not added."
              next="Your choices are kept: change what the message names and try again."
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={add.isPending}>
            Add freeze
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "End now…" / "Cancel freeze…": changes may start again at once. */
export function EndFreezeDialog({ freeze, onClose, onDone }: DialogProps & { freeze: Freeze }) {
  const titleId = useId();
  const [requestId] = useState(newRequestId);
  const end = useEndFreeze();
  const upcoming = freeze.status === 'upcoming';
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>
        {upcoming ? 'Cancel' : 'End'} the freeze “{freeze.name}”?
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {upcoming
              ? `It will not begin: windows, updates and waves of ${freeze.deviceType ?? 'the whole fleet'} start as planned on ${freezeDays(freeze)}.`
              : `Windows, updates and waves of ${freeze.deviceType ?? 'the whole fleet'} start again now; waves waiting for it start at once.`}
          </DialogContentText>
          <MutationError error={end.error} what="The freeze was not ended." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep it</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={end.isPending}
          onClick={() =>
            end.mutate(
              { freezeId: freeze.id, requestId },
              {
                onSuccess: () => {
                  onDone(`Change freeze “${freeze.name}” ${upcoming ? 'cancelled' : 'ended'}.`);
                  onClose();
                },
              },
            )
          }
        >
          {upcoming ? 'Cancel freeze' : 'End freeze'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
