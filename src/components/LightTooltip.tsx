import {
  cloneElement,
  lazy,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';

const CLOSE_DELAY_MS = 120;

// The popup (and Popper.js) loads the first time a tooltip opens, not with the page.
const TooltipPopup = lazy(() => import('./TooltipPopup'));

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
      {cloneElement(children, {
        // A trigger that describes itself already (always, not only while open) keeps that.
        'aria-describedby': children.props['aria-describedby'] ?? (open ? id : undefined),
      })}
      {open ? (
        <Suspense fallback={null}>
          <TooltipPopup id={id} anchor={anchor} onEnter={show} onLeave={hideSoon}>
            {title}
          </TooltipPopup>
        </Suspense>
      ) : null}
    </span>
  );
}
