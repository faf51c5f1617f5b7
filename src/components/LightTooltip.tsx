import Box from '@mui/material/Box';
import Popper from '@mui/material/Popper';
import {
  cloneElement,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';

const CLOSE_DELAY_MS = 120;

/**
 * A tooltip for long lists: while closed it costs one span and four handlers (a MUI Tooltip
 * per cell doubled the time to render a page of devices). Opens on hover and on focus, stays
 * open while the pointer is over it, closes on Escape, and describes its trigger
 * (`aria-describedby`) while open; the popup has role `tooltip`.
 */
export function LightTooltip({
  title,
  children,
}: {
  title: ReactNode;
  children: ReactElement<{ 'aria-describedby'?: string }>;
}) {
  const id = useId();
  // The wrapper the popup is placed against; null while closed.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const [wrapper, setWrapper] = useState<HTMLSpanElement | null>(null);
  const show = () => {
    clearTimeout(closing.current);
    setAnchor(wrapper);
  };
  const hideSoon = () => {
    clearTimeout(closing.current);
    closing.current = setTimeout(() => setAnchor(null), CLOSE_DELAY_MS);
  };
  const hideNow = () => {
    clearTimeout(closing.current);
    setAnchor(null);
  };

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hideNow();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  useEffect(() => () => clearTimeout(closing.current), []);

  return (
    <span
      ref={setWrapper}
      style={{ display: 'inline-flex' }}
      onMouseEnter={show}
      onMouseLeave={hideSoon}
      onFocus={show}
      onBlur={hideNow}
    >
      {cloneElement(children, { 'aria-describedby': open ? id : undefined })}
      {open ? (
        // Popper's root carries role="tooltip".
        <Popper
          id={id}
          open
          anchorEl={anchor}
          placement="bottom"
          sx={{ zIndex: 'tooltip' }}
          modifiers={[{ name: 'offset', options: { offset: [0, 6] } }]}
        >
          <Box
            onMouseEnter={show}
            onMouseLeave={hideSoon}
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
            {title}
          </Box>
        </Popper>
      ) : null}
    </span>
  );
}
