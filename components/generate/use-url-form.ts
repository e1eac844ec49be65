'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { decodeFormState, encodeFormState } from '@/lib/kasm/url-state';

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Form state that lives in the URL: read once from the search params (with the
 * form's schema, bad values fall back to defaults), written back on every
 * change with history.replaceState (keeping ?host= and the listed extra keys).
 */
export function useUrlForm<S extends ObjectSchema>(schema: S, keep: string[] = []) {
  const search = useSearchParams();
  const defaults = useMemo(() => schema.parse({}) as Record<string, unknown>, [schema]);
  const [form, setForm] = useState<z.infer<S>>(() => decodeFormState(schema, new URLSearchParams(search.toString())));
  const keepKey = keep.join(',');
  useEffect(() => {
    const params = encodeFormState(form as Record<string, unknown>, defaults);
    const current = new URLSearchParams(window.location.search);
    for (const k of ['host', ...keepKey.split(',').filter(Boolean)]) {
      const v = current.get(k);
      if (v !== null) params.set(k, v);
    }
    const qs = params.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', url);
  }, [form, defaults, keepKey]);
  const update = (patch: Partial<z.infer<S>>) => setForm((prev) => ({ ...prev, ...patch }));
  return { form, update, setForm, defaults };
}

/** True when the URL already set this field (a shared link wins over live host values). */
export function useUrlHas(): (key: string) => boolean {
  const search = useSearchParams();
  return (key) => search.has(key);
}
