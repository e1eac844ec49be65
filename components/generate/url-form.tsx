'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { createContext, useContext, useEffect, useRef, useState, useTransition } from 'react';
import type * as React from 'react';

/** Field name → its URL value; null removes it (the server then uses the default or the live host value). */
export type UrlPatch = Record<string, string | null>;

interface UrlFormState {
  /** What this form has changed since it was mounted (shown at once, before the server answers). */
  values: UrlPatch;
  patch: (p: UrlPatch) => void;
  pending: boolean;
}

const UrlFormContext = createContext<UrlFormState | null>(null);

/**
 * A generator's form state is its URL: every change is written into the
 * address at once (history.replaceState, so a copied link reproduces it) and,
 * after a short pause in typing, the page is re-rendered on the server from the
 * new URL (router.replace), where the generator runs. The browser runs no
 * schema and no generator. Inputs show what was typed immediately; the URL is
 * built from the URL this form was mounted with plus every change since, so a
 * slow answer for an older URL cannot drop a newer change.
 * Keyed by host and tab by the page, so a host switch starts from its own URL.
 */
export function UrlForm({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const search = useSearchParams();
  const [base] = useState(() => search.toString());
  const [values, setValues] = useState<UrlPatch>({});
  const changed = useRef<UrlPatch>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function patch(p: UrlPatch) {
    changed.current = { ...changed.current, ...p };
    setValues(changed.current);
    const params = new URLSearchParams(base);
    for (const [k, v] of Object.entries(changed.current)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const qs = params.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      startTransition(() => router.replace(url, { scroll: false }));
    }, 150);
  }

  return (
    <UrlFormContext.Provider value={{ values, patch, pending }}>
      <div data-pending={pending ? 'true' : undefined} className="contents">
        {children}
      </div>
    </UrlFormContext.Provider>
  );
}

function useUrlForm(): UrlFormState {
  const ctx = useContext(UrlFormContext);
  if (!ctx) throw new Error('a generator field must be inside <UrlForm>');
  return ctx;
}

/** Writes several URL fields at once. */
export function usePatch(): (p: UrlPatch) => void {
  return useUrlForm().patch;
}

/** What this form changed since it was mounted (null: removed from the URL). */
export function useUrlValues(): UrlPatch {
  return useUrlForm().values;
}

/**
 * The field's current text: what was typed here since the page was mounted,
 * else what the server rendered (`server`: the URL's value, its default, or the live host value).
 */
export function useUrlValue(name: string, server: string): [string, (v: string | null) => void] {
  const { values, patch } = useUrlForm();
  const local = values[name];
  return [local === undefined || local === null ? server : local, (v) => patch({ [name]: v })];
}

/** True while the server is re-rendering the page for the latest change. */
export function useUrlFormPending(): boolean {
  return useUrlForm().pending;
}
