import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import type { ServerDetail, ServerModule } from '@/api/servers';
import { MutationError } from '@/components/MutationError';
import { PermittedButton } from '@/components/PermittedButton';
import { usePermission } from '@/queries/session';
import {
  changedTargets,
  describeChange,
  formTargets,
  moduleChange,
  NOT_INSTALLED,
  type TargetForm,
} from './module-diff';
import { useSetTarget } from '@/queries/servers';
import { Notice } from '@/components/Notice';

const kindLabels: Record<ServerModule['kind'], string> = {
  core: 'Core',
  module: 'Module',
  dependency: 'Dependency',
  model: 'Model',
};

function channelOf(module: ServerModule, version: string): string | undefined {
  return module.versions.find((candidate) => candidate.version === version)?.channel;
}

/** What the module cells read from the table: the form and whether it may change. */
interface ModuleTableMeta {
  control: Control<TargetForm>;
  form: TargetForm;
  locked: boolean;
}

function metaOf(table: { options: { meta?: unknown } }): ModuleTableMeta {
  return table.options.meta as ModuleTableMeta;
}

const moduleName = (module: ServerModule) => module.name;

/** The module set's columns, in the order the server lists its modules. */
const moduleColumns: DataColumn<ServerModule>[] = [
  {
    id: 'module',
    header: 'Module',
    enableSorting: false,
    meta: { pin: 0, pinEdge: true },
    cell: ({ row }) => (
      <div title={`${row.original.name}: ${row.original.description}`}>
        <div>{row.original.name}</div>
        <span className="secondary-line truncate">{row.original.description}</span>
      </div>
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    enableSorting: false,
    cell: ({ row }) => kindLabels[row.original.kind],
  },
  {
    id: 'installed',
    header: 'Installed',
    enableSorting: false,
    cell: ({ row }) => row.original.installed ?? 'Not installed',
  },
  {
    id: 'target',
    header: 'Target version',
    enableSorting: false,
    cell: ({ row, table }) => {
      const module = row.original;
      const { control, locked } = metaOf(table);
      return (
        <Controller
          control={control}
          name={module.name}
          render={({ field }) => (
            <TextField
              select
              size="small"
              value={field.value ?? NOT_INSTALLED}
              onChange={field.onChange}
              onBlur={field.onBlur}
              disabled={locked}
              sx={{ minWidth: 170 }}
              slotProps={{
                select: {
                  displayEmpty: true,
                  SelectDisplayProps: { 'aria-label': `Target version of ${module.name}` },
                },
              }}
            >
              {module.versions.map((version) => (
                <MenuItem key={version.version} value={version.version}>
                  {version.version}
                  {version.channel === 'staging' ? ' (staging)' : ''}
                </MenuItem>
              ))}
              {module.optional ? <MenuItem value={NOT_INSTALLED}>Not installed</MenuItem> : null}
            </TextField>
          )}
        />
      );
    },
  },
  {
    id: 'channel',
    header: 'Channel',
    enableSorting: false,
    cell: ({ row, table }) => {
      const target = targetOf(metaOf(table).form, row.original);
      const channel = target === null ? undefined : channelOf(row.original, target);
      if (channel === 'staging') {
        return <Chip size="small" color="warning" variant="outlined" label="Staging" />;
      }
      return channel === 'stable' ? 'Stable' : null;
    },
  },
  {
    id: 'change',
    header: 'Change',
    enableSorting: false,
    cell: ({ row, table }) => {
      const change = moduleChange(row.original, targetOf(metaOf(table).form, row.original));
      return (
        <Typography
          variant="body2"
          color={
            change.kind === 'rollback' || change.kind === 'remove' ? 'warning.main' : 'text.primary'
          }
        >
          {describeChange(change)}
        </Typography>
      );
    },
  },
];

/**
 * The module set: installed and target version of core, modules, dependencies and models.
 * Saving the targets is its own step; nothing runs until an upgrade starts.
 */
export function ModuleSetForm({ server, locked }: { server: ServerDetail; locked: boolean }) {
  const save = useSetTarget(server.id);
  const { control, handleSubmit, reset, formState } = useForm<TargetForm>({
    values: formTargets(server.modules),
  });
  const form = useWatch({ control }) as TargetForm;
  const removals = server.modules
    .map((module) => ({ module, change: moduleChange(module, targetOf(form, module)) }))
    .filter(({ change }) => change.kind === 'remove' && change.tasks.length > 0);
  const [notice, setNotice] = useState<string | null>(null);
  // A role that may not change servers sees the module set read-only.
  const permitted = usePermission('change-servers');
  const readOnly = locked || !permitted.allowed;
  const meta = useMemo<ModuleTableMeta>(
    () => ({ control, form, locked: readOnly }),
    [control, form, readOnly],
  );
  const submit = handleSubmit((values) => {
    const modules = changedTargets(server.modules, values);
    if (modules.length === 0) return;
    save.mutate(
      { modules },
      {
        onSuccess: (saved) =>
          setNotice(
            `Target versions of ${saved.name} saved (${modules.length === 1 ? '1 module' : `${modules.length} modules`}). They install when an upgrade runs.`,
          ),
      },
    );
  });

  return (
    <Paper variant="outlined">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="modules-heading">
        <Stack spacing={2} sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" id="modules-heading">
            Module set
          </Typography>
          <Typography color="text.secondary">
            The portal is the source of truth for these versions. Saving them changes nothing on the
            server until an upgrade runs.
          </Typography>
        </Stack>
        <DataTable
          label="Module set"
          columns={moduleColumns}
          rows={server.modules}
          getRowId={moduleName}
          empty="This server reports no modules."
          meta={meta}
          framed={false}
        />
        <Stack spacing={2} sx={{ p: 2 }}>
          {removals.map(({ module, change }) =>
            change.kind === 'remove' ? (
              <Alert severity="warning" role="note" key={module.name}>
                Removing {module.name} stops these tasks after the restart:{' '}
                {change.tasks.join(', ')}. Review them before you remove the module.
              </Alert>
            ) : null,
          )}
          {server.modules.some(
            (module) => moduleChange(module, targetOf(form, module)).kind === 'rollback',
          ) ? (
            <Alert severity="info" role="note">
              A rollback installs the earlier version the same way as an upgrade: downloaded,
              staged, then active after the restart.
            </Alert>
          ) : null}
          {locked ? (
            <Typography color="text.secondary">
              Target versions can change again when the running synchronization has finished.
            </Typography>
          ) : null}
          <MutationError
            error={save.error}
            what="The target versions were not saved."
            next="Change them and save again."
          />
          <Stack direction="row" spacing={1}>
            <PermittedButton
              permission="change-servers"
              type="submit"
              variant="contained"
              disabled={!formState.isDirty || save.isPending || locked}
            >
              Save target versions
            </PermittedButton>
            <Button
              onClick={() => reset(formTargets(server.modules))}
              disabled={!formState.isDirty}
            >
              Discard changes
            </Button>
          </Stack>
        </Stack>
      </form>
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Paper>
  );
}

function targetOf(form: TargetForm, module: ServerModule): string | null {
  const value = form[module.name] ?? module.target ?? NOT_INSTALLED;
  return value === NOT_INSTALLED ? null : value;
}
