import SearchIcon from '@mui/icons-material/Search';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useEffect, useId, useState } from 'react';
import { visuallyHidden } from '@/lib/visually-hidden';

const SEARCH_DELAY_MS = 300;

/**
 * The URL holds the search without its surrounding spaces; what is typed keeps them, so a
 * space typed before the next word is not taken away when the search is applied.
 */
const same = (a: string, b: string) => a.trim() === b.trim();

interface SearchBoxProps {
  /** The search in the URL. */
  value: string;
  onSearch: (q: string) => void;
  label: string;
  /** What the search looks in, shown under the box and read with it. */
  help: string;
  /** True from the first keystroke until the URL holds what was typed. */
  onPendingChange?: (pending: boolean) => void;
}

/** A search box that keeps what is typed and writes it to the URL once typing pauses. */
export function SearchBox({ value, onSearch, label, help, onPendingChange }: SearchBoxProps) {
  const inputId = useId();
  const helpId = useId();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed underneath (back button, a shared link): show what it says.
    setLastValue(value);
    if (!same(value, text)) setText(value);
  }
  const pending = !same(text, value);
  useEffect(() => {
    onPendingChange?.(pending);
  }, [pending, onPendingChange]);
  useEffect(() => {
    if (same(text, value)) return undefined;
    const timer = setTimeout(() => onSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  // FormControl and OutlinedInput rather than TextField, which would bring MUI's Select (and
  // its menus) into the first page's JavaScript.
  return (
    <FormControl size="small" sx={{ width: 280, maxWidth: '100%' }}>
      <InputLabel htmlFor={inputId} shrink>
        {label}
      </InputLabel>
      <OutlinedInput
        id={inputId}
        type="search"
        label={label}
        notched
        value={text}
        onChange={(event) => setText(event.target.value)}
        startAdornment={
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        }
        placeholder={help}
        inputProps={{ 'aria-describedby': helpId }}
      />
      {/* Shown as the placeholder; read with the box, also once something is typed. */}
      <FormHelperText id={helpId} sx={visuallyHidden}>
        {help}
      </FormHelperText>
    </FormControl>
  );
}
