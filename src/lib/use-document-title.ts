import { useEffect } from 'react';

export const APP_TITLE = 'Fleet Update Console';

/** The browser tab names the screen: `Devices · Fleet Update Console`. */
export function useDocumentTitle(...parts: string[]): void {
  const title = [...parts.filter(Boolean), APP_TITLE].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
