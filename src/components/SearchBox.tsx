import SearchIcon from '@mui/icons-material/Search';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useEffect, useId, useState } from 'react';

const SEARCH_DELAY_MS = 300;

interface SearchBoxProps {
  /** The search in the URL. */
  value: string;
  onSearch: (q: string) => void;
  label: string;
  /** What the search looks in, shown under the box and read with it. */
  help: string;
}

/** A search box that keeps what is typed and writes it to the URL once typing pauses. */
export function SearchBox({ value, onSearch, label, help }: SearchBoxProps) {
  const helpId = useId();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed underneath (back button, a shared link): show what it says.
    setLastValue(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => onSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <TextField
      type="search"
      size="small"
      label={label}
      value={text}
      onChange={(event) => setText(event.target.value)}
      sx={{ width: 360, maxWidth: '100%' }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
        htmlInput: { 'aria-describedby': helpId },
      }}
      helperText={<span id={helpId}>{help}</span>}
    />
  );
}
