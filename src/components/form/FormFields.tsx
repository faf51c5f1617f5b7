import Autocomplete from '@mui/material/Autocomplete';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useId } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

/**
 * MUI inputs bound to react-hook-form, kept in one place so every form shows errors and
 * labels the same way.
 */

export interface FieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
}

export function FormTextField<T extends FieldValues>({
  control,
  name,
  label,
  ...props
}: FieldProps<T> & Omit<TextFieldProps, 'name' | 'label'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          {...field}
          value={field.value ?? ''}
          label={label}
          error={Boolean(fieldState.error)}
          helperText={fieldState.error?.message ?? props.helperText}
        />
      )}
    />
  );
}

export interface SelectOption<V extends string | number> {
  value: V;
  label: string;
}

export function FormSelect<T extends FieldValues, V extends string | number>({
  control,
  name,
  label,
  options,
  ...props
}: FieldProps<T> & { options: readonly SelectOption<V>[] } & Omit<
    TextFieldProps,
    'name' | 'label' | 'select'
  >) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          {...field}
          select
          label={label}
          value={field.value}
          onChange={(event) => {
            const raw = event.target.value;
            const option = options.find((candidate) => String(candidate.value) === String(raw));
            field.onChange(option ? option.value : raw);
          }}
          error={Boolean(fieldState.error)}
          helperText={fieldState.error?.message ?? props.helperText}
        >
          {options.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}

export function FormRadioGroup<T extends FieldValues, V extends string>({
  control,
  name,
  label,
  options,
}: FieldProps<T> & { options: readonly SelectOption<V>[] }) {
  const labelId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControl>
          <FormLabel id={labelId}>{label}</FormLabel>
          <RadioGroup
            aria-labelledby={labelId}
            name={field.name}
            value={field.value}
            onChange={(_, value) => field.onChange(value)}
          >
            {options.map((option) => (
              <FormControlLabel
                key={option.value}
                value={option.value}
                control={<Radio />}
                label={option.label}
              />
            ))}
          </RadioGroup>
        </FormControl>
      )}
    />
  );
}

/** A searchable choice from a long list (time zones): typing filters, Enter or Tab picks. */
export function FormAutocomplete<T extends FieldValues>({
  control,
  name,
  label,
  options,
  helperText,
}: FieldProps<T> & { options: readonly string[]; helperText?: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Autocomplete
          options={options}
          value={field.value}
          onChange={(_, value) => field.onChange(value)}
          onBlur={field.onBlur}
          autoHighlight
          autoSelect
          disableClearable
          renderInput={(params) => (
            <TextField
              {...params}
              inputRef={field.ref}
              label={label}
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message ?? helperText}
            />
          )}
        />
      )}
    />
  );
}
