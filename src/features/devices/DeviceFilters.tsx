import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useQueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { DEVICE_STATUS_LABELS, DeviceStatus, type DeviceListQuery } from '@/api/devices';
import { deviceQueries } from '@/queries/devices';
import { FilterSelect } from '@/components/FilterSelect';
import { MenuButton } from '@/components/MenuButton';

// The model menu (and MUI's menus) loads when first opened, not with the page.
const ModelMenu = lazy(() => import('./ModelMenu'));

type FilterChange = Partial<
  Pick<DeviceListQuery, 'status' | 'model' | 'updateAvailable' | 'schedule' | 'onboarded'>
>;

/**
 * Any number of models: a button that opens a menu of the fleet's models with counts (read
 * when the menu first opens, not with the page).
 */
function ModelFilter({
  selected,
  onChange,
}: {
  selected: string[];
  onChange: (models: string[]) => void;
}) {
  const queryClient = useQueryClient();
  const prefetch = () => void queryClient.prefetchQuery(deviceQueries.facets());
  const summary =
    selected.length === 0
      ? 'Any'
      : selected.length === 1
        ? selected[0]
        : `${selected.length} models`;
  return (
    <MenuButton
      variant="outlined"
      color="inherit"
      endIcon={<ArrowDropDownIcon />}
      // About to open: start reading the models.
      onFocus={prefetch}
      onMouseEnter={prefetch}
      sx={{ height: 40, textTransform: 'none', borderColor: 'divider', fontWeight: 400 }}
      menu={(menu) => <ModelMenu {...menu} selected={selected} onChange={onChange} />}
    >
      {`Model: ${summary}`}
    </MenuButton>
  );
}

const boolValue = (value: boolean | undefined) => (value === undefined ? '' : String(value));
const toBool = (value: string) => (value === '' ? undefined : value === 'true');

/** Filters the server applies: status, model, software, schedule, Connected services. */
export function DeviceFilters({
  params,
  onChange,
}: {
  params: DeviceListQuery;
  onChange: (change: FilterChange) => void;
}) {
  const selectedModels = params.model ?? [];
  const active =
    params.status !== undefined ||
    selectedModels.length > 0 ||
    params.updateAvailable !== undefined ||
    params.schedule !== undefined ||
    params.onboarded !== undefined;

  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <FilterSelect
        label="Status"
        value={params.status ?? ''}
        choices={DeviceStatus.options.map((status) => ({
          value: status,
          label: DEVICE_STATUS_LABELS[status],
        }))}
        onChange={(value) =>
          onChange({ status: value === '' ? undefined : (value as DeviceListQuery['status']) })
        }
      />
      <ModelFilter
        selected={selectedModels}
        onChange={(models) => onChange({ model: models.length > 0 ? models : undefined })}
      />
      <FilterSelect
        label="Software"
        value={boolValue(params.updateAvailable)}
        choices={[
          { value: 'true', label: 'Update available' },
          { value: 'false', label: 'Up to date' },
        ]}
        onChange={(value) => onChange({ updateAvailable: toBool(value) })}
      />
      <FilterSelect
        label="Schedule"
        value={params.schedule ?? ''}
        choices={[
          { value: 'asap', label: 'As soon as available' },
          { value: 'window', label: 'Maintenance window' },
          { value: 'unsupported', label: 'Scheduling not supported' },
        ]}
        onChange={(value) =>
          onChange({
            schedule: value === '' ? undefined : (value as DeviceListQuery['schedule']),
          })
        }
      />
      <FilterSelect
        label="Connected services"
        value={boolValue(params.onboarded)}
        choices={[
          { value: 'true', label: 'Onboarded' },
          { value: 'false', label: 'Not onboarded' },
        ]}
        onChange={(value) => onChange({ onboarded: toBool(value) })}
      />
      {active ? (
        <Button
          onClick={() =>
            onChange({
              status: undefined,
              model: undefined,
              updateAvailable: undefined,
              schedule: undefined,
              onboarded: undefined,
            })
          }
        >
          Clear filters
        </Button>
      ) : null}
    </Stack>
  );
}
