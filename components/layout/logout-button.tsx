'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { beginSignOut, goToLogin, signOutFailed } from '@/lib/client/api';

/**
 * Sign out (POST /api/auth/logout: this session) and Sign out everywhere
 * (POST /api/auth/logout-everywhere: every session of every browser), both
 * same-origin, then the login page.
 */
export function LogoutButton() {
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function logout(which: 'one' | 'all') {
    setBusy(which);
    setError(null);
    beginSignOut();
    try {
      const url = which === 'all' ? '/api/auth/logout-everywhere' : '/api/auth/logout';
      const res = await fetch(url, { method: 'POST', headers: { Accept: 'application/json' } });
      if (!res.ok && res.status !== 401) throw new Error(`HTTP ${res.status}`);
      // A full load: the server-rendered header must forget the session.
      goToLogin('/login');
    } catch (err) {
      signOutFailed();
      setBusy(null);
      setError(`Sign-out failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return (
    <span className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-fail">
          {error}
        </span>
      )}
      <Button onClick={() => logout('one')} disabled={busy !== null} aria-label="Sign out">
        {busy === 'one' ? 'Signing out…' : 'Sign out'}
      </Button>
      <Button
        variant="ghost"
        onClick={() => logout('all')}
        disabled={busy !== null}
        aria-label="Sign out everywhere"
        title="End every session of this dashboard, in every browser"
      >
        {busy === 'all' ? 'Signing out…' : 'Sign out everywhere'}
      </Button>
    </span>
  );
}
