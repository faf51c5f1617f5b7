import type { ReactNode } from 'react';
import { formatNextWindow, frozenUntil } from '@/domain/format-freeze';
import { freezeAt } from '@/domain/freezes';
import type { TimeDisplay } from '@/lib/time-display';
import { useFreezeSpans } from '@/queries/freeze-spans';
import type { FreezeWords } from './SoftwareStatus';

/** The device tooltips' words with the fleet's change freezes (loaded with the first tooltip). */
export default function FreezeTooltips({
  now,
  display,
  render,
}: {
  now: Date;
  display: TimeDisplay;
  render: (freezes: FreezeWords) => ReactNode;
}) {
  const spans = useFreezeSpans(null);
  const frozen = freezeAt(spans, now.getTime());
  return render({
    nextWindow: (schedule) => formatNextWindow(schedule, now, spans, display),
    inForce: frozen ? { name: frozen.name, until: frozenUntil(frozen, display) } : null,
  });
}
