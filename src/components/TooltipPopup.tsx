import Box from '@mui/material/Box';
import Popper from '@mui/material/Popper';
import type { ReactNode } from 'react';

/** The open popup of a LightTooltip, placed below its trigger; Popper's root has role tooltip. */
export default function TooltipPopup({
  id,
  anchor,
  onEnter,
  onLeave,
  children,
}: {
  id: string;
  anchor: HTMLElement | null;
  onEnter: () => void;
  onLeave: () => void;
  children: ReactNode;
}) {
  return (
    <Popper
      id={id}
      open
      anchorEl={anchor}
      placement="bottom"
      sx={{ zIndex: 'tooltip' }}
      modifiers={[{ name: 'offset', options: { offset: [0, 6] } }]}
    >
      <Box
        onMouseEnter={onEnter}
        onMouseLeave={onLeave}
        sx={{
          maxWidth: 360,
          px: 1,
          py: 0.75,
          borderRadius: 1,
          fontSize: '0.75rem',
          lineHeight: 1.4,
          color: 'common.white',
          bgcolor: 'grey.800',
          boxShadow: 2,
        }}
      >
        {children}
      </Box>
    </Popper>
  );
}
