import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod/mini';
import type { CustomerRef } from '@/api/customers';
import { Role, ROLE_LABELS } from '@/api/permissions';
import { CreateApiToken, type CreatedApiToken } from '@/api/tokens';
import { FormSelect, FormTextField } from '@/components/form/FormFields';
import { MutationError } from '@/components/MutationError';
import { formatZonedDate } from '@/lib/zoned-format';
import { useTimeDisplay } from '@/lib/time-display';
import { useCreateToken } from '@/queries/tokens';

const DAY_MS = 24 * 60 * 60_000;
const LIFETIMES = [7, 30, 90, 180, 365] as const;

/** The instant a lifetime of `days` ends, counted from now. */
function expiryIn(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString();
}

/** The scope field's value for "every customer" (no customer id has a `*`). */
const EVERY_CUSTOMER = '*';

const TokenForm = z.object({
  name: CreateApiToken.shape.name,
  role: Role,
  scope: z.string(),
  days: z.number(),
});
type TokenForm = z.infer<typeof TokenForm>;

const roleOptions = Role.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const lifetimeOptions = LIFETIMES.map((days) => ({
  value: days,
  label: days === 365 ? '1 year' : `${days} days`,
}));

export interface CreateTokenDialogProps {
  /** The customers a token may be limited to (the token list says which). */
  customers: readonly CustomerRef[];
  /** The one customer the administrator's own role is limited to: their tokens are its too. */
  ownCustomer: CustomerRef | null;
  onClose: () => void;
}

/**
 * "Create API token": a name that says what uses it, the role it acts with (Viewer unless
 * chosen), the customers it acts for (every customer, or one; an administrator of one customer
 * makes tokens for it only), and how long it lasts (90 days unless chosen, a year at most).
 * Once created, the secret is shown this one time, to copy.
 */
export function CreateTokenDialog({ customers, ownCustomer, onClose }: CreateTokenDialogProps) {
  const titleId = useId();
  const [display] = useTimeDisplay();
  const create = useCreateToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { control, handleSubmit } = useForm<TokenForm>({
    resolver: zodResolver(TokenForm),
    defaultValues: { name: '', role: 'viewer', scope: ownCustomer?.id ?? EVERY_CUSTOMER, days: 90 },
  });
  const scopeOptions = ownCustomer
    ? [{ value: ownCustomer.id, label: ownCustomer.name }]
    : [
        { value: EVERY_CUSTOMER, label: 'Every customer' },
        ...customers.map((customer) => ({ value: customer.id, label: customer.name })),
      ];
  const scopeHelp = ownCustomer
    ? `You administer ${ownCustomer.name} only: your tokens act for it only.`
    : customers.length
      ? 'Whose devices, sites and servers the program sees and changes.'
      : 'This fleet has no customers: the token acts on every device.';
  const days = useWatch({ control, name: 'days' });
  const until = formatZonedDate(new Date(expiryIn(days)), display.zone, display.locale);
  const submit = handleSubmit(({ name, role, scope, days: lifetime }) => {
    create.mutate(
      {
        name,
        role,
        customer: scope === EVERY_CUSTOMER ? null : scope,
        expiresAt: expiryIn(lifetime),
      },
      { onSuccess: setCreated },
    );
  });

  if (created) return <CreatedToken created={created} onClose={onClose} />;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Create API token</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              One token for each program, named for what it does, so that its changes in the
              Activity say who made them and it can be revoked alone.
            </DialogContentText>
            <FormTextField
              control={control}
              name="name"
              label="Name"
              placeholder="Nightly report"
              autoFocus
              slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 80 } }}
            />
            <FormSelect
              control={control}
              name="role"
              label="Role"
              options={roleOptions}
              helperText="What the program may do: a Viewer reads only."
            />
            <FormSelect
              control={control}
              name="scope"
              label="Scope"
              options={scopeOptions}
              disabled={scopeOptions.length < 2}
              helperText={scopeHelp}
            />
            <FormSelect
              control={control}
              name="days"
              label="Expires in"
              options={lifetimeOptions}
              helperText={`Until ${until}.`}
            />
            <MutationError error={create.error} what="The token was not created." />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            Create token
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The new token's secret, shown once: to copy now, since it is never shown again. */
function CreatedToken({ created, onClose }: { created: CreatedApiToken; onClose: () => void }) {
  const titleId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>API token created</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Alert severity="warning" role="note">
            Copy the token “{created.token.name}” now and keep it where the program reads its
            secrets: it is not shown again. A lost token is revoked and replaced by a new one.
          </Alert>
          <TextField
            label="Token"
            value={created.secret}
            fullWidth
            slotProps={{
              htmlInput: {
                readOnly: true,
                spellCheck: false,
                style: { fontFamily: 'monospace' },
                onFocus: (event: React.FocusEvent<HTMLInputElement>) => event.target.select(),
              },
            }}
          />
          {copied === 'yes' ? (
            <Alert severity="success" role="status">
              Copied to the clipboard.
            </Alert>
          ) : copied === 'no' ? (
            <Alert severity="info" role="status">
              The browser would not copy it: select the token and copy it yourself.
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copy()}>Copy</Button>
        <Button variant="contained" onClick={onClose}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
