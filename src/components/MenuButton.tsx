import Button, { type ButtonProps } from '@mui/material/Button';
import { Suspense, useId, useState, type ReactNode } from 'react';

/**
 * A button that opens a menu below it: says it has one (`aria-haspopup`, `aria-expanded`,
 * `aria-controls`), renders the menu only while open (so a lazily loaded menu loads on the
 * first click), and gets focus back when the menu closes.
 */
export function MenuButton({
  menu,
  children,
  ...button
}: Omit<ButtonProps, 'onClick' | 'children'> & {
  children: ReactNode;
  menu: (props: { id: string; anchor: HTMLElement; onClose: () => void }) => ReactNode;
}) {
  const id = useId();
  // The button the open menu hangs from; null while closed.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  return (
    <>
      <Button
        {...button}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {children}
      </Button>
      {anchor ? (
        <Suspense fallback={null}>{menu({ id, anchor, onClose: () => setAnchor(null) })}</Suspense>
      ) : null}
    </>
  );
}
