'use client';

import { useId, useState } from 'react';
import type * as React from 'react';
import { cn } from '@/lib/utils';

const input =
  'w-full rounded-md border border-border bg-card px-2.5 py-1.5 text-sm text-fg placeholder:text-muted disabled:opacity-60';

export function Field({
  label,
  hint,
  error,
  from,
  children,
  id,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  /** Host name when the value came from the live host. */
  from?: string | null;
  id: string;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {from ? (
          <span className="rounded bg-pass-bg px-1.5 text-xs text-pass" data-testid={`from-host-${id}`}>
            from {from}
          </span>
        ) : null}
      </div>
      {children}
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      {error ? (
        <p className="text-xs text-fail" role="alert">
          ✖ {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  from,
  mono,
  ...rest
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: React.ReactNode;
  error?: string;
  from?: string | null;
  mono?: boolean;
} & Omit<React.ComponentProps<'input'>, 'value' | 'onChange'>) {
  const id = useId();
  return (
    <Field label={label} hint={hint} error={error} from={from} id={id}>
      <input id={id} className={cn(input, mono && 'font-mono')} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} {...rest} />
    </Field>
  );
}

/** A whole-number input that reports undefined while empty or not a number. */
export function NumberField({
  label,
  value,
  onChange,
  hint,
  error,
  from,
  ...rest
}: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  hint?: React.ReactNode;
  error?: string;
  from?: string | null;
} & Omit<React.ComponentProps<'input'>, 'value' | 'onChange'>) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [last, setLast] = useState(value);
  if (value !== last) {
    setLast(value);
    if (value === undefined ? text.trim() !== '' : Number(text) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <Field label={label} hint={hint} error={error} from={from} id={id}>
      <input
        id={id}
        inputMode="numeric"
        className={cn(input, 'font-mono')}
        value={text}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const t = e.target.value.trim();
          const n = t === '' ? undefined : Number(t);
          const next = n === undefined || !Number.isFinite(n) ? undefined : n;
          setLast(next);
          onChange(next);
        }}
        {...rest}
      />
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  onChange,
  options,
  hint,
  from,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: readonly { value: T; label: string }[];
  hint?: React.ReactNode;
  from?: string | null;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id} from={from}>
      <select id={id} className={input} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: React.ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <div className="flex items-center gap-2">
        <input id={id} type="checkbox" className="size-4" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
      </div>
      {hint ? <p className="pl-6 text-xs text-muted">{hint}</p> : null}
    </div>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  from,
  rows = 8,
  ...rest
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: React.ReactNode;
  error?: string;
  from?: string | null;
  rows?: number;
} & Omit<React.ComponentProps<'textarea'>, 'value' | 'onChange'>) {
  const id = useId();
  return (
    <Field label={label} hint={hint} error={error} from={from} id={id}>
      <textarea id={id} rows={rows} spellCheck={false} className={cn(input, 'font-mono text-xs')} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
    </Field>
  );
}

/** Segmented choice (radio group). */
export function Choice<T extends string>({
  label,
  value,
  onChange,
  options,
  hint,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: readonly { value: T; label: string }[];
  hint?: React.ReactNode;
}) {
  const name = useId();
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
    </fieldset>
  );
}
