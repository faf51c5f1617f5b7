import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import type { RolloutWave, WaveStatus } from '@/api/rollouts';
import { PermittedButton } from '@/components/PermittedButton';
import { plural } from '@/lib/format';
import type { TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { countIn, countsText, formatRange, WAVE_STATES } from './rollout-format';

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
        countIn(wave.counts, key) > 0 ? (
          <Box
            key={key}
            sx={{ width: `${(countIn(wave.counts, key) / wave.sites) * 100}%`, bgcolor: colour }}
          />
        ) : null,
      )}
    </Box>
  );
}

type Failure = RolloutWave['failures'][number];

/** The failures by reason, the most frequent first: an operator acts on a reason. */
function byReason(failures: readonly Failure[]): [string, Failure[]][] {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    groups.set(failure.reason, [...(groups.get(failure.reason) ?? []), failure]);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

const SHOWN_SITES = 10;

/** "Site 1013, November 8, 2024, 10:00 AM UTC" or "11 sites: 100148, 100250, …, the last at …". */
function failedSitesText(failures: readonly Failure[], display: TimeDisplay): string {
  const last = failures.reduce(
    (latest, failure) => (failure.at > latest ? failure.at : latest),
    '',
  );
  const when = formatZonedInstant(new Date(last), display.zone, display.locale);
  if (failures.length === 1) return `Site ${failures[0]?.site ?? ''}, ${when}`;
  const numbers = failures.slice(0, SHOWN_SITES).map((failure) => failure.site);
  const more = failures.length > SHOWN_SITES ? ', …' : '';
  return `${plural(failures.length, 'site')}: ${numbers.join(', ')}${more}; the last ${when}`;
}

interface WaveCardProps {
  wave: RolloutWave;
  display: TimeDisplay;
  /** Retrying is possible (the rollout is not halted); null hides the button. */
  onRetry: ((wave: number) => void) | null;
  retrying: boolean;
  /** The rollout is paused or halted by its rule: a planned wave's forecast assumes a resume now. */
  stopped?: boolean;
  /** The site list showing this wave's sites. */
  sitesHref?: string;
  /** Starting the next wave now is possible (the rollout runs); null hides the button. */
  onStart?: ((wave: number) => void) | null;
  starting?: boolean;
}

/** One wave: its state, progress, why it waits, its failures and when it should finish. */
export function WaveCard({
  wave,
  display,
  onRetry,
  retrying,
  stopped = false,
  onStart = null,
  starting = false,
  sitesHref,
}: WaveCardProps) {
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
        <Typography variant="body2">
          {countsText(wave.counts)}
          {sitesHref ? (
            <>
              {' · '}
              <Link component={RouterLink} to={sitesHref}>
                Show the sites of wave {wave.number}
              </Link>
            </>
          ) : null}
        </Typography>
        {wave.waiting ? <Typography variant="body2">{wave.waiting}</Typography> : null}
        {wave.waiting && wave.status === 'planned' && onStart ? (
          <div>
            <PermittedButton
              permission="update-sites"
              variant="outlined"
              size="small"
              disabled={starting}
              onClick={() => onStart(wave.number)}
            >
              Start wave {wave.number} now
            </PermittedButton>
          </div>
        ) : null}
        {wave.finish ? (
          <Typography variant="body2">
            {stopped && wave.status === 'planned' ? 'If resumed now, expected' : 'Expected'} to
            finish {formatRange(wave.finish, display)}.
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
              {byReason(wave.failures).map(([reason, failures]) => (
                <li key={reason}>
                  <Typography variant="body2">{reason}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {failedSitesText(failures, display)}
                  </Typography>
                </li>
              ))}
            </Box>
            {wave.counts.failed > wave.failures.length ? (
              <Typography variant="body2" color="text.secondary">
                The first {wave.failures.length} of {wave.counts.failed} failed sites.
              </Typography>
            ) : null}
            {wave.failures.some((failure) => failure.code === 'board-revision') ? (
              <Typography variant="body2" color="text.secondary">
                A retry leaves out the sites that failed the compatibility check: this firmware does
                not fit their board revision.
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
