import DialogContentText from '@mui/material/DialogContentText';
import Typography from '@mui/material/Typography';
import type { LeftOutReason, UpdateAllPlan } from '@/api/sites';
import { plural } from '@/lib/format';

const reasonWords: Record<LeftOutReason, string> = {
  'already-updating': 'already updating',
  'no-ip-channel': 'no IP channel: only Ethernet and GPRS sites can be updated remotely',
  held: 'held on their version',
};

/**
 * What "Update software at all sites" will do: the sites it queues and those it leaves out,
 * with why; in its dialog and in a request waiting for approval.
 */
export function UpdateAllSummary({ plan }: { plan: UpdateAllPlan }) {
  const { deviceType, toQueue, currentVersion } = plan;
  return (
    <>
      <DialogContentText>
        {toQueue === 0
          ? `No ${deviceType} site can be queued now: every site is on ${currentVersion}, already updating, or without an IP channel.`
          : `${plural(toQueue, `${deviceType} site`)} on an old version will be queued for the update to ${currentVersion}. Each installs when it has downloaded the firmware and a partition is disarmed; settings and arm state stay as they are.`}
      </DialogContentText>
      {plan.leftOut.length > 0 ? (
        <div>
          <Typography variant="subtitle2" component="h3">
            Left out
          </Typography>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {plan.leftOut.map((group) => (
              <li key={group.reason}>
                {plural(group.count, 'site')}, {reasonWords[group.reason]}: {group.sites.join(', ')}
                {group.count > group.sites.length
                  ? ` and ${group.count - group.sites.length} more`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
