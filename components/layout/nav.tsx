'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { cn } from '@/lib/utils';

export const NAV = [
  { href: '/', label: 'Overview', match: (p: string) => p === '/' },
  { href: '/containers', label: 'Containers', match: (p: string) => p.startsWith('/containers') },
  { href: '/generate/run-config', label: 'Generate', match: (p: string) => p.startsWith('/generate') },
  { href: '/failures', label: 'Failures', match: (p: string) => p.startsWith('/failures') },
  { href: '/hosts', label: 'Hosts', match: (p: string) => p.startsWith('/hosts') },
  { href: '/kasm', label: 'Kasm', match: (p: string) => p.startsWith('/kasm') },
] as const;

export const GENERATE_NAV = [
  { href: '/generate/run-config', label: 'Run config' },
  { href: '/generate/exec-config', label: 'Exec config' },
  { href: '/generate/volumes', label: 'Volumes & storage' },
  { href: '/generate/daemon-json', label: 'daemon.json' },
  { href: '/generate/lint', label: 'Lint' },
] as const;

/** Keeps ?host= when moving between pages. */
export function useHostHref() {
  const search = useSearchParams();
  const host = search.get('host');
  return (href: string) => (host && host !== 'local' ? `${href}?host=${encodeURIComponent(host)}` : href);
}

export function MainNav() {
  const pathname = usePathname();
  const withHost = useHostHref();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {NAV.map((item) => {
        const active = item.match(pathname);
        return (
          <Link
            key={item.href}
            href={withHost(item.href)}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'rounded-md px-3 py-1.5 text-sm font-medium',
              active ? 'bg-accent text-accent-fg' : 'text-fg hover:bg-code',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function GenerateNav() {
  const pathname = usePathname();
  const withHost = useHostHref();
  return (
    <nav aria-label="Generators" className="flex flex-wrap gap-1 border-b border-border pb-2">
      {GENERATE_NAV.map((item) => {
        const active = pathname === item.href;
        return (
          <Link
            key={item.href}
            href={withHost(item.href)}
            aria-current={active ? 'page' : undefined}
            className={cn('rounded-md px-2.5 py-1 text-sm', active ? 'bg-code font-semibold' : 'text-muted hover:bg-code')}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
