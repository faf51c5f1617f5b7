import { useColorScheme } from '@mui/material/styles';
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { embeddingWindow, embedOrigins, postToPortal, readPortalMessage } from './embed';

/**
 * Speaks the embedding protocol (see embed.ts) when the console runs in a portal's frame:
 * announces itself, its route and its content height, and follows the portal's navigation
 * and theme. Renders nothing; does nothing at the top level or with no allowed origin.
 */
export function EmbedBridge({ content }: { content: RefObject<HTMLElement | null> }) {
  const location = useLocation();
  const navigate = useNavigate();
  const { setMode } = useColorScheme();
  const route = `${location.pathname}${location.search}`;
  const active = embeddingWindow() !== null && embedOrigins().length > 0;
  const announced = useRef(false);

  useEffect(() => {
    if (!active) return;
    if (!announced.current) {
      announced.current = true;
      postToPortal({ type: 'ready', route });
    } else {
      postToPortal({ type: 'route', route });
    }
  }, [active, route]);

  useEffect(() => {
    const element = content.current;
    if (!active || !element || typeof ResizeObserver === 'undefined') return undefined;
    let last = -1;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        postToPortal({ type: 'height', height });
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [active, content]);

  useEffect(() => {
    if (!active) return undefined;
    const onMessage = (event: MessageEvent) => {
      // Only the portal origins in config.json may drive the console.
      if (!embedOrigins().includes(event.origin)) return;
      const message = readPortalMessage(event);
      if (message?.type === 'navigate') {
        // A route the router still refuses is the portal's mistake: ignored, never thrown.
        try {
          Promise.resolve(navigate(message.route)).catch(() => undefined);
        } catch {
          // ignored, as above
        }
      } else if (message?.type === 'set-theme') setMode(message.mode);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [active, navigate, setMode]);

  return null;
}
