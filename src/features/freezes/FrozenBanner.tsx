import Alert from '@mui/material/Alert';
import { frozenWords } from '@/domain/format-freeze';
import { freezeAt } from '@/domain/freezes';
import { useNow } from '@/lib/use-now';
import { useFreezeSpans } from '@/queries/freeze-spans';

/**
 * The change freeze binding a device type now, in words ("Nord GSM is frozen until … by
 * “Holiday freeze”"); null outside every freeze, or where the backend has none.
 */
export function useFrozenNow(deviceType: string): string | null {
  const spans = useFreezeSpans(deviceType);
  const now = useNow(60_000);
  const span = freezeAt(spans, now.getTime());
  return span ? frozenWords(deviceType, span) : null;
}

/** On a type's page while a freeze binds it: what it stops, and who may start a change anyway. */
export function FrozenBanner({ deviceType }: { deviceType: string }) {
  const frozen = useFrozenNow(deviceType);
  if (!frozen) return null;
  return (
    <Alert severity="info" role="note" aria-label="Change freeze">
      {frozen}: no update, “Update software at all sites” or rollout wave starts until then. An
      administrator may start one inside it, with a written reason.
    </Alert>
  );
}
