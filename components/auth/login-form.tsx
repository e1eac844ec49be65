'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

/** Posts the password to /api/auth/login; on success loads `next` (a local path). */
export function LoginForm({ next }: { next: string }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ password }),
      });
      if (res.ok) {
        // A full load, so the server-rendered header shows the signed-in nav.
        window.location.assign(next);
        return;
      }
      const body: unknown = await res.json().catch(() => null);
      const message =
        body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object' && 'message' in body.error
          ? String(body.error.message)
          : `Sign-in failed (HTTP ${res.status})`;
      setError(message);
    } catch (err) {
      setError(`The dashboard server did not answer (${err instanceof Error ? err.message : String(err)})`);
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Sign in">
      <label className="block space-y-1">
        <span className="text-sm font-medium">Admin password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="block h-9 w-full rounded-md border border-border bg-card px-3 text-sm"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-fail">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" size="md" disabled={busy} className="w-full">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
