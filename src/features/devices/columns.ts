import { usePreference } from '@/lib/preferences';

/** The device table's columns an operator may hide; Model (and the selection) always show. */
export const hideableColumns = [
  { value: 'status', label: 'Status' },
  { value: 'ip', label: 'IP' },
  { value: 'serial', label: 'MAC/Serial' },
  { value: 'version', label: 'AXIS OS' },
  { value: 'warranty', label: 'Warranty' },
  { value: 'apps', label: 'Apps' },
  { value: 'actions', label: 'Actions' },
] as const;
export type HideableColumn = (typeof hideableColumns)[number]['value'];

const known = new Set<string>(hideableColumns.map((column) => column.value));

function parseHidden(stored: string): HideableColumn[] | undefined {
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return undefined;
    return value.filter(
      (item): item is HideableColumn => typeof item === 'string' && known.has(item),
    );
  } catch {
    return undefined;
  }
}

const none: HideableColumn[] = [];

/** The columns the operator hid, remembered per browser (none by default). */
export function useHiddenColumns(): [HideableColumn[], (hidden: HideableColumn[] | null) => void] {
  return usePreference<HideableColumn[]>('device-columns-hidden', none, parseHidden);
}
