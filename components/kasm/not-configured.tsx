import { Card, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';

export const KASM_PERMISSIONS_NEEDED = ['Images View', 'Groups View', 'Groups View System', 'Storage Providers View'] as const;

/** The feature is off (no KASM_URL): how to turn it on with a read-only API key. */
export function KasmNotConfigured() {
  return (
    <Card data-testid="kasm-not-configured" className="space-y-3">
      <CardTitle>The Kasm audit is off: KASM_URL is not set</CardTitle>
      <p className="text-sm">
        With a read-only Kasm API key, this page reads every Workspace, group setting and storage provider from your Kasm web app and checks
        them against this agent&apos;s Sysbox setup. It never changes anything in Kasm.
      </p>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        <li>
          In Kasm, open <strong>Admin › Settings › Developers</strong> and <strong>Add API Key</strong>; tick <strong>Read Only</strong>.
        </li>
        <li>
          Give the key these permissions:{' '}
          {KASM_PERMISSIONS_NEEDED.map((p, i) => (
            <span key={p}>
              <strong>{p}</strong>
              {i < KASM_PERMISSIONS_NEEDED.length - 1 ? ', ' : ''}
            </span>
          ))}{' '}
          (Groups View System lets it read built-in groups such as All Users).
        </li>
        <li>Start the dashboard with the key (the secret is never shown, logged or returned):</li>
      </ol>
      <CodeBlock>{`KASM_URL=https://kasm.example.com \\
KASM_API_KEY=<key> \\
KASM_API_KEY_SECRET_FILE=/etc/kasm-sysbox-dashboard/kasm-secret \\
KASM_CA_FILE=/etc/kasm-sysbox-dashboard/kasm-ca.pem \\
npm start`}</CodeBlock>
      <p className="text-sm text-muted">
        KASM_CA_FILE is only needed when Kasm uses a self-signed certificate (there is no &quot;skip verification&quot;).
        KASM_TIMEOUT_MS (default 10000) bounds each call. See README, &quot;Kasm audit&quot;.
      </p>
    </Card>
  );
}
