import MenuItem from '@mui/material/MenuItem';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import CheckMenu from '@/components/CheckMenu';
import { plural } from '@/lib/format';
import { deviceQueries } from '@/queries/devices';

interface ModelMenuProps {
  id: string;
  anchor: HTMLElement | null;
  selected: string[];
  onChange: (models: string[]) => void;
  onClose: () => void;
}

/** The fleet's models, each a checkbox item with its device count (read when it opens). */
export default function ModelMenu({ id, anchor, selected, onChange, onClose }: ModelMenuProps) {
  const facets = useQuery(deviceQueries.facets());
  const models = facets.data?.models ?? [];
  const list = useRef<HTMLUListElement>(null);
  const loaded = facets.isSuccess;
  useEffect(() => {
    // Opened while the models were loading: focus was on the list; give it the first model.
    const element = list.current;
    if (!loaded || !element || !element.contains(document.activeElement)) return;
    if (document.activeElement?.getAttribute('role') === 'menuitemcheckbox') return;
    element.querySelector<HTMLElement>('[role="menuitemcheckbox"]')?.focus();
  }, [loaded]);
  return (
    <CheckMenu
      id={id}
      anchor={anchor}
      label="Models"
      listRef={list}
      items={models.map(({ model, count }) => ({
        value: model,
        label: model,
        secondary: plural(count, 'device'),
      }))}
      checked={(model) => selected.includes(model)}
      onToggle={(model) =>
        onChange(
          selected.includes(model)
            ? selected.filter((each) => each !== model)
            : [...selected, model],
        )
      }
      onClose={onClose}
      // An array, not a fragment: MUI's menu walks its children for keyboard focus.
      before={[
        facets.isPending ? (
          <MenuItem key="loading" disabled>
            Loading the fleet’s models…
          </MenuItem>
        ) : null,
        facets.isError ? (
          <MenuItem key="retry" onClick={() => void facets.refetch()}>
            The models could not be loaded. Retry
          </MenuItem>
        ) : null,
      ]}
    />
  );
}
