import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useId } from 'react';

export interface Choice {
  value: string;
  label: string;
}

/**
 * One filter as a native select: keyboard and screen readers know it, and it keeps MUI's
 * Select and menus out of the first page's JavaScript.
 */
export function FilterSelect({
  label,
  value,
  choices,
  onChange,
  width = 150,
}: {
  label: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
  width?: number;
}) {
  const id = useId();
  return (
    <FormControl size="small" sx={{ width }}>
      <InputLabel shrink htmlFor={id}>
        {label}
      </InputLabel>
      <NativeSelect
        value={value}
        onChange={(event) => onChange(event.target.value)}
        input={<OutlinedInput notched label={label} />}
        inputProps={{ id }}
      >
        <option value="">Any</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
}
