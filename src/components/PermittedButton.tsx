import Button, { type ButtonProps } from '@mui/material/Button';
import { useId } from 'react';
import type { Permission } from '@/api/permissions';
import { visuallyHidden } from '@/lib/visually-hidden';
import { usePermission } from '@/queries/session';
import { LightTooltip } from './LightTooltip';

/**
 * A button for a change the operator's role may not permit. Without the permission it stays
 * focusable but does nothing (`aria-disabled`), and says why on hover, on focus and to screen
 * readers: "Your role, Viewer, cannot update sites."
 */
export function PermittedButton({
  permission,
  disabled,
  onClick,
  ...props
}: Omit<ButtonProps, 'sx'> & { permission: Permission }) {
  const permitted = usePermission(permission);
  const reasonId = useId();
  if (permitted.allowed) {
    return <Button {...props} disabled={disabled} onClick={onClick} />;
  }
  return (
    <>
      <LightTooltip title={permitted.reason}>
        <Button
          {...props}
          type="button"
          aria-disabled
          aria-describedby={reasonId}
          disableRipple
          onClick={(event) => event.preventDefault()}
          sx={{
            cursor: 'not-allowed',
            '&&, &&:hover': {
              color: 'text.disabled',
              boxShadow: 'none',
              ...(props.variant === 'contained' ? { bgcolor: 'action.disabledBackground' } : {}),
              ...(props.variant === 'outlined' ? { borderColor: 'action.disabledBackground' } : {}),
            },
          }}
        />
      </LightTooltip>
      <span id={reasonId} style={visuallyHidden}>
        {permitted.reason}
      </span>
    </>
  );
}
