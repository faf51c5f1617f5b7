import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ROLLOUT_LEFT_OUT_LABELS, type RolloutPlanPreview } from '@/api/rollouts';
import { plural } from '@/lib/format';
import { useTimeDisplay } from '@/lib/time-display';
import { formatRange } from './rollout-format';

/**
 * What a rollout will do, as the planning dialog and a waiting approval show it: its waves,
 * what is left out, and the forecast.
 */
export function RolloutPreview({ preview }: { preview: RolloutPlanPreview }) {
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
