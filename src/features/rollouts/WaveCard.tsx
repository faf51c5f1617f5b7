import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { RolloutWave, WaveStatus } from '@/api/rollouts';
import { PermittedButton } from '@/components/PermittedButton';
import { plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { countsText, formatRange, WAVE_STATES } from './rollout-format';

const WAVE_STATUS_LABELS: Record<WaveStatus, string> = {
  planned: 'Not started',
  running: 'Running',
  done: 'Done',
  released: 'Released: never started',
};

export const waveName = (number: number) => (number === 1 ? 'Wave 1 (pilot)' : `Wave ${number}`);

/** The wave's sites by state, as one bar; its label says the same in words. */
function WaveBar({ wave }: { wave: RolloutWave }) {
  return (
    <Box
      role="img"
      aria-label={`${waveName(wave.number)}: ${countsText(wave.counts)}, of ${plural(wave.sites, 'site')}`}
      sx={{
        display: 'flex',
        height: 12,
        borderRadius: 1,
        overflow: 'hidden',
        bgcolor: 'action.hover',
      }}
    >
      {WAVE_STATES.map(([key, , colour]) =>
        wave.counts[key] > 0 ? (
          <Box
            key={key}
            sx={{ width: `${(wave.counts[key] / wave.sites) * 100}%`, bgcolor: colour }}
          />
        ) : null,
      )}
    </Box>
  );
}

interface WaveCardProps {
  wave: RolloutWave;
  display: TimeDisplay;
  /** Retrying is possible (the rollout is not halted); null hides the button. */
  onRetry: ((wave: number) => void) | null;
  retrying: boolean;
}

/** One wave: its state, progress, why it waits, its failures and when it should finish. */
export function WaveCard({ wave, display, onRetry, retrying }: WaveCardProps) {
  const name = waveName(wave.number);
  const headingId = `wave-${wave.number}`;
  const facts = [
    WAVE_STATUS_LABELS[wave.status],
    plural(wave.sites, 'site'),
    wave.startedAt
      ? `started ${formatZonedInstant(new Date(wave.startedAt), display.zone, display.locale)}`
      : null,
  ].filter(Boolean);
  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}
        >
          <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {name}
          </Typography>
          <Typography color="text.secondary">{facts.join(' · ')}</Typography>
        </Stack>
        <WaveBar wave={wave} />
        <Typography variant="body2">{countsText(wave.counts)}</Typography>
        {wave.waiting ? <Typography variant="body2">{wave.waiting}</Typography> : null}
        {wave.finish ? (
          <Typography variant="body2">
            Expected to finish {formatRange(wave.finish, display)}.
          </Typography>
        ) : null}
        {wave.failureRuleAccepted ? (
          <Typography variant="body2" color="text.secondary">
            Resumed after this wave broke the failure rule: the rule no longer applies to it.
          </Typography>
        ) : null}
        {wave.failures.length > 0 ? (
          <Stack spacing={1}>
            <Typography variant="subtitle2" component="h3">
              Failed sites
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {wave.failures.map((failure) => (
                <li key={failure.site}>
                  <Typography variant="body2">
                    Site {failure.site},{' '}
                    {formatZonedInstant(new Date(failure.at), display.zone, display.locale)}:{' '}
                    {failure.reason}
                  </Typography>
                </li>
              ))}
            </Box>
            {wave.counts.failed > wave.failures.length ? (
              <Typography variant="body2" color="text.secondary">
                The first {wave.failures.length} of {wave.counts.failed} failed sites.
              </Typography>
            ) : null}
            {onRetry && wave.counts.failed > 0 ? (
              <div>
                <PermittedButton
                  permission="update-sites"
                  variant="outlined"
                  disabled={retrying}
                  onClick={() => onRetry(wave.number)}
                >
                  Retry the failed sites of{' '}
                  {wave.number === 1 ? 'the pilot' : `wave ${wave.number}`}
                </PermittedButton>
              </div>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
