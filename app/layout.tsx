import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { HostPicker, type PickerHost } from '@/components/host/host-picker';
import { LiveMarker } from '@/components/layout/live-marker';
import { MainNav } from '@/components/layout/nav';
import { LogoutButton } from '@/components/layout/logout-button';
import { currentCredentials } from '@/lib/server/auth/viewer';
import { listAllHosts } from '@/lib/server/hosts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Kasm Sysbox Dashboard', template: '%s · Kasm Sysbox Dashboard' },
  description: 'Run Kasm Workspaces safely under the Sysbox container runtime.',
  // public/favicon.ico (16, 32 and 48 px); proxy.ts serves it without sign-in.
  icons: { icon: '/favicon.ico' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

/** The configured hosts for the header's picker; a broken hosts file is the Hosts page's error, not every page's. */
function pickerHosts(): PickerHost[] {
  try {
    return listAllHosts().map((h) => ({ id: h.id, name: h.name }));
  } catch (err) {
    console.error('[layout] the hosts file could not be read for the host picker', err);
    return [];
  }
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so the CSP nonce
  // from proxy.ts reaches Next's scripts; it also decides whether to show the nav.
  const credentials = await currentCredentials();
  const signedIn = credentials.kind !== 'none';
  const hosts = signedIn ? pickerHosts() : [];
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <header className="border-b border-border bg-card">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <div className="flex flex-wrap items-center gap-3">
              <Link href="/" className="font-semibold tracking-tight">
                kasm-sysbox-dashboard
              </Link>
              {signedIn && (
                <Suspense fallback={null}>
                  <HostPicker hosts={hosts} />
                  <LiveMarker />
                </Suspense>
              )}
            </div>
            {signedIn && (
              <div className="flex flex-wrap items-center gap-3">
                <Suspense fallback={<div className="h-8" />}>
                  <MainNav />
                </Suspense>
                {credentials.kind === 'session' && <LogoutButton />}
              </div>
            )}
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
