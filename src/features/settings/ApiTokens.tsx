import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { grantLabel } from '@/api/customers';
import { ROLE_LABELS } from '@/api/permissions';
import type { ApiToken } from '@/api/tokens';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { PermittedButton } from '@/components/PermittedButton';
import { visuallyHidden } from '@/lib/visually-hidden';
import { formatZonedDate, formatZonedInstant } from '@/lib/zoned-format';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { usePermission, useSession } from '@/queries/session';
import { tokenQueries } from '@/queries/tokens';
import { CreateTokenDialog } from './CreateTokenDialog';
import { RevokeTokenDialog } from './RevokeTokenDialog';
import { SettingsSection } from './SettingsSection';

/** Active, Expired or "Revoked by Ada Novak", as of `at`. */
export function tokenStatus(token: ApiToken, at: number): string {
  if (token.revokedAt) return token.revokedBy ? `Revoked by ${token.revokedBy.name}` : 'Revoked';
  return Date.parse(token.expiresAt) <= at ? 'Expired' : 'Active';
}

/** Columns a phone leaves out: the name's second line says the role and the expiry instead. */
const WIDE_ONLY = ['role', 'created', 'expires', 'lastUsed', 'hint'];

function tokenColumns(
  display: TimeDisplay,
  at: number,
  compact: boolean,
  onRevoke: (token: ApiToken) => void,
): DataColumn<ApiToken>[] {
  const day = (iso: string) => formatZonedDate(new Date(iso), display.zone, display.locale);
  return [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (token) => token.name,
      meta: compact ? {} : { truncate: 240 },
      cell: ({ row }) =>
        compact ? (
          <>
            {row.original.name}
            <Typography
              variant="body2"
              color="text.secondary"
              component="span"
              sx={{ display: 'block' }}
            >
              {ROLE_LABELS[row.original.role]} · until {day(row.original.expiresAt)}
              {row.original.customer ? (
                <Box component="span" sx={{ display: 'block' }}>
                  {row.original.customer.name}
                </Box>
              ) : null}
            </Typography>
          </>
        ) : (
          row.original.name
        ),
    },
    {
      id: 'role',
      header: 'Role',
      accessorFn: (token) => grantLabel(token.role, token.customer),
    },
    { id: 'status', header: 'Status', accessorFn: (token) => tokenStatus(token, at) },
    {
      id: 'created',
      header: 'Created',
      accessorFn: (token) => token.createdAt,
      cell: ({ row }) => `${day(row.original.createdAt)} by ${row.original.createdBy.name}`,
    },
    {
      id: 'expires',
      header: 'Expires',
      accessorFn: (token) => token.expiresAt,
      cell: ({ row }) => day(row.original.expiresAt),
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      accessorFn: (token) => token.lastUsedAt ?? '',
      cell: ({ row }) =>
        row.original.lastUsedAt
          ? formatZonedInstant(new Date(row.original.lastUsedAt), display.zone, display.locale)
          : 'Never',
    },
    {
      id: 'hint',
      header: 'Token',
      accessorFn: (token) => token.hint,
      cell: ({ row }) => (
        <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace' }}>
          {row.original.hint}
        </Typography>
      ),
    },
    {
      id: 'actions',
      header: () => <span style={visuallyHidden}>Actions</span>,
      enableSorting: false,
      cell: ({ row }) =>
        tokenStatus(row.original, at) === 'Active' ? (
          <Button
            size="small"
            color="error"
            aria-label={`Revoke ${row.original.name}…`}
            onClick={() => onRevoke(row.original)}
          >
            Revoke…
          </Button>
        ) : null,
    },
  ];
}

const tokenId = (token: ApiToken) => token.id;

/**
 * "API tokens": what programs sign in with. Administrators see every token with its role,
 * expiry and last use, create one (its secret shown once) and revoke one; other roles are
 * told who may.
 */
export function ApiTokens() {
  const permitted = usePermission('manage-tokens');
  const session = useSession();
  const tokens = useQuery({ ...tokenQueries.list(), enabled: permitted.allowed });
  const [display] = useTimeDisplay();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The status is read as of when the list arrived: it refreshes with the list.
  const at = tokens.dataUpdatedAt;
  const compact = useMediaQuery(useTheme().breakpoints.down('sm'));
  const columns = useMemo(
    () => tokenColumns(display, at, compact, setRevoking),
    [display, at, compact],
  );
  return (
    <SettingsSection
      title="API tokens"
      description={
        <>
          A program sends its token as <code>Authorization: Bearer …</code>; what it does is in the
          Activity under the token’s name. A token lasts at most a year.
        </>
      }
      action={
        <PermittedButton
          permission="manage-tokens"
          variant="contained"
          onClick={() => setCreating(true)}
        >
          Create API token…
        </PermittedButton>
      }
      refused={permitted.allowed ? null : `${permitted.reason} Ask an administrator for a token.`}
    >
      {tokens.isError && !tokens.data ? (
        <QueryErrorAlert query={tokens} title="The API tokens could not be loaded." />
      ) : (
        <DataTable
          label="API tokens"
          loadingLabel="Loading API tokens"
          columns={columns}
          rows={tokens.data?.items}
          getRowId={tokenId}
          hidden={compact ? WIDE_ONLY : undefined}
          initialSort={{ id: 'created', desc: true }}
          empty="No API token yet. Create one for each program that calls the console."
        />
      )}
      {creating ? (
        <CreateTokenDialog
          customers={tokens.data?.customers ?? []}
          ownCustomer={session.data?.customer ?? null}
          onClose={() => setCreating(false)}
        />
      ) : null}
      {revoking ? (
        <RevokeTokenDialog
          token={revoking}
          onClose={() => setRevoking(null)}
          onDone={(message) => setNotice(message)}
        />
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </SettingsSection>
  );
}
