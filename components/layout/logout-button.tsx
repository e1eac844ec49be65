'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { beginSignOut, goToLogin, signOutFailed } from '@/lib/client/api';

/** Signs out (POST /api/auth/logout, same-origin) and goes to the login page. */
export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function logout() {
    setBusy(true);
    setError(null);
    beginSignOut();
    try {
      const res = await fetch('/api/auth/logout', { method: 'POST', headers: { Accept: 'application/json' } });
      if (!res.ok && res.status !== 401) throw new Error(`HTTP ${res.status}`);
      // A full load: the server-rendered header must forget the session.
      goToLogin('/login');
    } catch (err) {
      signOutFailed();
      setBusy(false);
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
      <Button onClick={logout} disabled={busy} aria-label="Sign out">
        {busy ? 'Signing out…' : 'Sign out'}
      </Button>
    </span>
  );
}
