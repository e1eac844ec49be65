'use client';

import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField, Choice, NumberField, SelectField, TextAreaField, TextField } from './fields';
import { usePatch, useUrlValue, useUrlValues, type UrlPatch } from './url-form';

/**
 * The generator form's inputs, each bound to one URL field of <UrlForm>. The
 * server renders them with the value it read (`value`); typing writes the URL.
 * Values are written the way lib/kasm/url-state.ts reads them: strings as they
 * are, numbers and booleans as JSON. `also` is written with the field: links
 * between fields (a changed subuid start lets the server derive uid/gid again).
 */
type Bound<V> = { name: string; value: V; also?: UrlPatch };

/** `optional`: an emptied field is removed from the URL (the field is then unset, not ""). */
export function BoundText({ name, value, also, optional, ...rest }: Bound<string> & { optional?: boolean } & Omit<React.ComponentProps<typeof TextField>, 'value' | 'onChange'>) {
  const [v, set] = useUrlValue(name, value);
  const patch = usePatch();
  return <TextField {...rest} value={v} onChange={(next) => (also ? patch({ ...also, [name]: next }) : set(optional && next === '' ? null : next))} />;
}

export function BoundTextArea({ name, value, also, ...rest }: Bound<string> & Omit<React.ComponentProps<typeof TextAreaField>, 'value' | 'onChange'>) {
  const [v, set] = useUrlValue(name, value);
  const patch = usePatch();
  return <TextAreaField {...rest} value={v} onChange={(next) => (also ? patch({ ...also, [name]: next }) : set(next))} />;
}

export function BoundNumber({ name, value, also, ...rest }: Bound<number | undefined> & Omit<React.ComponentProps<typeof NumberField>, 'value' | 'onChange'>) {
  const [v] = useUrlValue(name, value === undefined ? '' : String(value));
  const patch = usePatch();
  const n = v.trim() === '' ? undefined : Number(v);
  return <NumberField {...rest} value={n !== undefined && Number.isFinite(n) ? n : undefined} onChange={(next) => patch({ ...also, [name]: next === undefined ? null : String(next) })} />;
}

export function BoundSelect<T extends string>({ name, value, ...rest }: Bound<T> & Omit<React.ComponentProps<typeof SelectField<T>>, 'value' | 'onChange'>) {
  const [v, set] = useUrlValue(name, value);
  return <SelectField {...rest} value={v as T} onChange={set} />;
}

export function BoundChoice<T extends string>({ name, value, ...rest }: Bound<T> & Omit<React.ComponentProps<typeof Choice<T>>, 'value' | 'onChange'>) {
  const [v, set] = useUrlValue(name, value);
  return <Choice {...rest} value={v as T} onChange={set} />;
}

export function BoundCheckbox({ name, value, ...rest }: Bound<boolean> & Omit<React.ComponentProps<typeof CheckboxField>, 'checked' | 'onChange'>) {
  const [v, set] = useUrlValue(name, String(value));
  return <CheckboxField {...rest} checked={v === 'true'} onChange={(next) => set(String(next))} />;
}

/**
 * A checkbox that writes one patch when checked and another when unchecked
 * (e.g. the 1000/1000 opt-in). It is checked while every field of `on` has
 * that value: `current` holds the fields' values as the server rendered them,
 * and what was changed here since wins (a removed field counts as not equal).
 */
export function PatchCheckbox({ current, on, off, ...rest }: { current: Record<string, string>; on: UrlPatch; off: UrlPatch } & Omit<React.ComponentProps<typeof CheckboxField>, 'checked' | 'onChange'>) {
  const values = useUrlValues();
  const patch = usePatch();
  const checked = Object.entries(on).every(([k, v]) => (k in values ? values[k] : current[k]) === v);
  return <CheckboxField {...rest} checked={checked} onChange={(next) => patch(next ? on : off)} />;
}

export function PatchButton({ patch: p, children }: { patch: UrlPatch; children: React.ReactNode }) {
  const patch = usePatch();
  return <Button onClick={() => patch(p)}>{children}</Button>;
}
