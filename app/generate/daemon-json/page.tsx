import type { Metadata } from 'next';
import { DaemonJsonGenerator } from '@/components/generate/daemon-json-generator';
import { UrlForm } from '@/components/generate/url-form';
import { daemonJsonFormSchema } from '@/lib/kasm/daemon-json';
import { hostIdOf } from '@/lib/server/page-data';
import { generatorParams, readForm, type GeneratorPageProps } from '../_lib/form';
import { hostFactsOf } from '../_lib/host-facts';

export const metadata: Metadata = { title: 'daemon.json for Sysbox' };

/** Rendered on the server from the URL's form state and the host's own daemon.json; the browser only edits the URL. */
export default async function Page(props: GeneratorPageProps) {
  const params = await generatorParams(props);
  const host = hostIdOf(params);
  const { form, valid, issues, has } = readForm(daemonJsonFormSchema, params);
  const facts = await hostFactsOf(host);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">daemon.json for Sysbox</h1>
        <p className="text-sm text-muted">Registers the sysbox-runc runtime (and the guide&apos;s network ranges) in the host&apos;s Docker config, keeping every other key.</p>
      </div>
      <UrlForm key={host}>
        <DaemonJsonGenerator form={form} valid={valid} issues={issues} facts={facts} urlHasCurrent={has('current')} />
      </UrlForm>
    </div>
  );
}
