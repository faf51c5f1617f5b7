import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { ServerDetail, ServerModule } from '@/api/servers';
import { MutationError } from '@/components/MutationError';
import {
  changedTargets,
  describeChange,
  formTargets,
  moduleChange,
  NOT_INSTALLED,
  type TargetForm,
} from './module-diff';
import { useSetTarget } from './server-queries';
import { tableDensity, useDensity } from '@/components/density';
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

/**
 * The module set: installed and target version of core, modules, dependencies and models.
 * Saving the targets is its own step; nothing runs until an upgrade starts.
 */
export function ModuleSetForm({ server, locked }: { server: ServerDetail; locked: boolean }) {
  const save = useSetTarget(server.id);
  const [density] = useDensity();
  const { control, handleSubmit, reset, formState } = useForm<TargetForm>({
    values: formTargets(server.modules),
  });
  const form = useWatch({ control }) as TargetForm;
  const removals = server.modules
    .map((module) => ({ module, change: moduleChange(module, targetOf(form, module)) }))
    .filter(({ change }) => change.kind === 'remove' && change.tasks.length > 0);
  const [notice, setNotice] = useState<string | null>(null);
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
        <TableContainer>
          <Table size="small" sx={tableDensity(density)} aria-label="Module set">
            <TableHead>
              <TableRow>
                <TableCell>Module</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Installed</TableCell>
                <TableCell>Target version</TableCell>
                <TableCell>Channel</TableCell>
                <TableCell>Change</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {server.modules.map((module) => {
                const target = targetOf(form, module);
                const change = moduleChange(module, target);
                const channel = target === null ? undefined : channelOf(module, target);
                return (
                  <TableRow key={module.name}>
                    <TableCell title={`${module.name}: ${module.description}`}>
                      <div>{module.name}</div>
                      <span className="secondary-line truncate">{module.description}</span>
                    </TableCell>
                    <TableCell>{kindLabels[module.kind]}</TableCell>
                    <TableCell>{module.installed ?? 'Not installed'}</TableCell>
                    <TableCell>
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
                                SelectDisplayProps: {
                                  'aria-label': `Target version of ${module.name}`,
                                },
                              },
                            }}
                          >
                            {module.versions.map((version) => (
                              <MenuItem key={version.version} value={version.version}>
                                {version.version}
                                {version.channel === 'staging' ? ' (staging)' : ''}
                              </MenuItem>
                            ))}
                            {module.optional ? (
                              <MenuItem value={NOT_INSTALLED}>Not installed</MenuItem>
                            ) : null}
                          </TextField>
                        )}
                      />
                    </TableCell>
                    <TableCell>
                      {channel === 'staging' ? (
                        <Chip size="small" color="warning" variant="outlined" label="Staging" />
                      ) : channel === 'stable' ? (
                        'Stable'
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Typography
                        variant="body2"
                        color={
                          change.kind === 'rollback' || change.kind === 'remove'
                            ? 'warning.main'
                            : 'text.primary'
                        }
                      >
                        {describeChange(change)}
                      </Typography>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
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
            <Button
              type="submit"
              variant="contained"
              disabled={!formState.isDirty || save.isPending || locked}
            >
              Save target versions
            </Button>
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
