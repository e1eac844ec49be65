import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { LoginForm } from '@/components/auth/login-form';
import { currentCredentials } from '@/lib/server/auth/viewer';
import { safeNextPath } from '@/lib/server/auth/policy';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === 'string' ? sp.next : undefined);
  if ((await currentCredentials()).kind !== 'none') redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-4 pt-8">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <Card className="space-y-4">
        <LoginForm next={next} />
      </Card>
      <p className="text-sm text-muted">
        The admin password is <code>DASHBOARD_PASSWORD</code> (or the file in <code>DASHBOARD_PASSWORD_FILE</code>). If
        neither is set, the password generated on first start was printed once in the server&apos;s console.
      </p>
    </div>
  );
}
