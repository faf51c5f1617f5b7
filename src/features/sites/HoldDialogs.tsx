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
import { HoldReason, type SiteSelection } from '@/api/holds';
import { HOLD_MAX_DAYS } from '@/api/sites';
import { FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { dayText, parseDay, type Day } from '@/domain/freezes';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { addDays, wallTimeToInstant, zonedParts } from '@/lib/time-zone';
import { formatZonedDate, zoneAbbreviation, zoneLabel } from '@/lib/zoned-format';
import { useHoldSites, useReleaseSites } from '@/queries/sites';

/** How long a hold lasts unless the operator says otherwise. */
const DEFAULT_DAYS = 14;

/** The instant a hold "until" a day ends: that day's 00:00 in the zone the console shows. */
function startOf(day: Day, zone: string): number {
  return wallTimeToInstant({ ...day, hour: 0, minute: 0 }, zone);
}

/** The days a hold may end on, seen from now in `zone`: tomorrow to a year ahead. */
function dayBounds(zone: string, now = Date.now()) {
  const today = zonedParts(now, zone);
  return {
    today,
    first: addDays(today, 1),
    // Its 00:00 is before now + HOLD_MAX_DAYS, the contract's bound, whatever the clocks do.
    last: addDays(today, HOLD_MAX_DAYS - 1),
  };
}

function holdForm({ first, last }: { first: Day; last: Day }) {
  return z.object({
    reason: HoldReason,
    until: z.string().check(
      z.refine((text) => parseDay(text) !== null, 'Choose the day the hold ends.'),
      z.refine(
        (text) => {
          const day = parseDay(text);
          return day === null || (dayText(day) >= dayText(first) && dayText(day) <= dayText(last));
        },
        `Choose a day from tomorrow to ${dayText(last)}.`,
      ),
    ),
  });
}
type HoldForm = { reason: string; until: string };

interface HoldSitesDialogProps {
  deviceType: string;
  selection: SiteSelection;
  /** How many sites the selection holds. */
  count: number;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * "Hold sites…": keeps the selected sites on their version until a day, with a reason that
 * whoever finds them held will read. They come back by themselves when the hold ends.
 */
export function HoldSitesDialog({
  deviceType,
  selection,
  count,
  onClose,
  onDone,
}: HoldSitesDialogProps) {
  const titleId = useId();
  const [display] = useTimeDisplay();
  // One id per dialog: a double click or a retried request holds once.
  const [requestId] = useState(newRequestId);
  const hold = useHoldSites(deviceType);
  // The days allowed and the default end, from the moment the dialog opened.
  const [{ schema, first, last, defaults }] = useState(() => {
    const bounds = dayBounds(display.zone);
    return {
      ...bounds,
      schema: holdForm(bounds),
      defaults: { reason: '', until: dayText(addDays(bounds.today, DEFAULT_DAYS)) },
    };
  });
  const { control, handleSubmit } = useForm<HoldForm>({
    resolver: zodResolver(schema),
    defaultValues: defaults,
  });
  const zone = zoneLabel(zoneAbbreviation(new Date(), display.zone, display.locale), display.zone);
  const sites = plural(count, `${deviceType} site`);

  const submit = handleSubmit(({ reason, until }) => {
    const day = parseDay(until) as Day;
    hold.mutate(
      { selection, reason, until: new Date(startOf(day, display.zone)).toISOString(), requestId },
      {
        onSuccess: (result) => {
          onDone(
            `Held ${plural(result.held, 'site')} on their version until ${formatZonedDate(
              new Date(result.until),
              display.zone,
              display.locale,
            )}.`,
          );
          onClose();
        },
      },
    );
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Hold {sites} on their version</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Held sites keep the version they have. They are counted as held instead of “no update
              planned”, are left out of “Update software at all sites” and of staged rollouts, and
              cannot be updated one by one. An update already under way goes on: cancel it to keep
              the old version. The sites come back by themselves when the hold ends.
            </DialogContentText>
            <FormTextField
              control={control}
              name="reason"
              label="Reason"
              placeholder="Store refit until the new year"
              autoFocus
              multiline
              minRows={2}
              helperText="Shown with the sites, for whoever finds them held."
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <FormTextField
              control={control}
              name="until"
              label="Held until"
              type="date"
              helperText={`The hold ends at 00:00 on this day, ${zone}.`}
              slotProps={{
                inputLabel: { shrink: true },
                htmlInput: { min: dayText(first), max: dayText(last) },
              }}
            />
            <MutationError error={hold.error} what="No site was held." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={hold.isPending}>
            Hold {plural(count, 'site')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

interface ReleaseHoldsDialogProps {
  deviceType: string;
  selection: SiteSelection;
  /** How many sites the selection has (held or not). */
  count: number;
  /** The one site released, when it is one (its row's "Release hold"). */
  site?: number;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Release hold…": ends the holds of the selected sites now; sites not held stay as they are. */
export function ReleaseHoldsDialog({
  deviceType,
  selection,
  count,
  site,
  onClose,
  onDone,
}: ReleaseHoldsDialogProps) {
  const titleId = useId();
  const [requestId] = useState(newRequestId);
  const release = useReleaseSites(deviceType);
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>
        {site !== undefined
          ? `Release the hold of site ${site}?`
          : `Release the holds of ${plural(count, 'site')}?`}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {site !== undefined
              ? `Site ${site} counts again as a site to update: “Update software at all sites” and new rollouts queue it.`
              : 'The held sites among them count again as sites to update: “Update software at all sites” and new rollouts queue them. Sites that are not held stay as they are.'}
          </DialogContentText>
          <MutationError error={release.error} what="No hold was released." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep held</Button>
        <Button
          variant="contained"
          disabled={release.isPending}
          onClick={() =>
            release.mutate(
              { selection, requestId },
              {
                onSuccess: (result) => {
                  onDone(
                    result.released === 0
                      ? 'None of these sites was held: nothing was released.'
                      : `Released the holds of ${plural(result.released, 'site')}.`,
                  );
                  onClose();
                },
              },
            )
          }
        >
          Release hold
        </Button>
      </DialogActions>
    </Dialog>
  );
}
