import BrightnessAutoIcon from '@mui/icons-material/BrightnessAuto';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import IconButton from '@mui/material/IconButton';
import { useColorScheme } from '@mui/material/styles';
import { useEffect, type ReactNode } from 'react';
import { oneOf, usePreference } from '@/lib/preferences';

const modes = ['system', 'light', 'dark'] as const;
type Mode = (typeof modes)[number];
const labels: Record<Mode, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const icons: Record<Mode, ReactNode> = {
  system: <BrightnessAutoIcon />,
  light: <LightModeIcon />,
  dark: <DarkModeIcon />,
};

/**
 * Light, dark or the system's theme, remembered per browser. Each press moves to the next;
 * the button says which is on and which comes next. In a portal, the portal's `set-theme`
 * message still wins (it sets the mode without storing it).
 */
export function ThemeSwitch() {
  const [mode, setStored] = usePreference<Mode>('theme', 'system', oneOf(modes));
  const { setMode } = useColorScheme();
  useEffect(() => {
    setMode(mode);
  }, [mode, setMode]);
  const next = modes[(modes.indexOf(mode) + 1) % modes.length] as Mode;
  return (
    <IconButton
      color="inherit"
      aria-label={`Theme: ${labels[mode]}. Switch to ${labels[next]}`}
      title={`Theme: ${labels[mode]} (switch to ${labels[next]})`}
      onClick={() => setStored(next === 'system' ? null : next)}
    >
      {icons[mode]}
    </IconButton>
  );
}
