import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useId } from 'react';
import { Controller, type FieldValues } from 'react-hook-form';
import type { FieldProps, SelectOption } from './FormFields';

/** Several choices of a short list (a webhook's events): the value is the array of those ticked. */
export function FormCheckboxGroup<T extends FieldValues, V extends string>({
  control,
  name,
  label,
  options,
  helperText,
}: FieldProps<T> & { options: readonly SelectOption<V>[]; helperText?: string }) {
  const labelId = useId();
  const helpId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const chosen = (field.value ?? []) as V[];
        const error = fieldState.error?.message;
        return (
          <FormControl component="fieldset" error={Boolean(error)}>
            <FormLabel component="legend" id={labelId}>
              {label}
            </FormLabel>
            <FormGroup aria-labelledby={labelId} aria-describedby={helpId}>
              {options.map((option) => (
                <FormControlLabel
                  key={option.value}
                  label={option.label}
                  control={
                    <Checkbox
                      name={field.name}
                      checked={chosen.includes(option.value)}
                      onBlur={field.onBlur}
                      onChange={(_, checked) =>
                        field.onChange(
                          checked
                            ? options
                                .map((each) => each.value)
                                .filter((value) => value === option.value || chosen.includes(value))
                            : chosen.filter((value) => value !== option.value),
                        )
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText id={helpId}>{error ?? helperText}</FormHelperText>
          </FormControl>
        );
      }}
    />
  );
}
