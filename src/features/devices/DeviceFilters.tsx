import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import type { DeviceListQuery } from '@/api/devices';
import { deviceQueries } from './device-queries';

type FilterChange = Partial<
  Pick<DeviceListQuery, 'status' | 'model' | 'updateAvailable' | 'schedule' | 'onboarded'>
>;

interface Choice {
  value: string;
  label: string;
}

function FilterSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 170 }}
    >
      <MenuItem value="">Any</MenuItem>
      {choices.map((choice) => (
        <MenuItem key={choice.value} value={choice.value}>
          {choice.label}
        </MenuItem>
      ))}
    </TextField>
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
  const facets = useQuery(deviceQueries.facets());
  const models = facets.data?.models ?? [];
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
        choices={[
          { value: 'reachable', label: 'Reachable' },
          { value: 'unreachable', label: 'Unreachable' },
        ]}
        onChange={(value) =>
          onChange({ status: value === '' ? undefined : (value as DeviceListQuery['status']) })
        }
      />
      <TextField
        select
        size="small"
        label="Model"
        value={selectedModels}
        onChange={(event) => {
          const value = event.target.value as unknown as string[] | string;
          const list = (typeof value === 'string' ? value.split(',') : value).filter(Boolean);
          onChange({ model: list.length > 0 ? list : undefined });
        }}
        slotProps={{
          select: {
            multiple: true,
            renderValue: (selected) => {
              const list = selected as string[];
              return list.length === 0
                ? 'Any'
                : list.length === 1
                  ? list[0]
                  : `${list.length} models`;
            },
            displayEmpty: true,
          },
          inputLabel: { shrink: true },
        }}
        sx={{ minWidth: 190 }}
      >
        {models.map(({ model, count }) => (
          <MenuItem key={model} value={model}>
            <Checkbox size="small" checked={selectedModels.includes(model)} tabIndex={-1} />
            <ListItemText primary={model} secondary={`${count}`} />
          </MenuItem>
        ))}
      </TextField>
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
