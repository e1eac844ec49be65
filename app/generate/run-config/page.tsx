import type { Metadata } from 'next';
import { RunConfigGenerator } from '@/components/generate/run-config-generator';
import { UrlForm } from '@/components/generate/url-form';
import { runConfigFormSchema } from '@/lib/kasm/run-config';
import { hostIdOf } from '@/lib/server/page-data';
import { generatorParams, readForm, type GeneratorPageProps } from '../_lib/form';

export const metadata: Metadata = { title: 'Docker Run Config Override' };

/** Rendered on the server from the URL's form state, where the generator runs; the browser only edits the URL. */
export default async function Page(props: GeneratorPageProps) {
  const params = await generatorParams(props);
  const { form, valid, issues } = readForm(runConfigFormSchema, params);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Docker Run Config Override</h1>
        <p className="text-sm text-muted">Runs a Workspace under Sysbox with systemd as init. Exactly what Kasm accepts; keys Kasm overrides and keys that break Sysbox are refused.</p>
      </div>
      <UrlForm key={hostIdOf(params)}>
        <RunConfigGenerator form={form} valid={valid} issues={issues} />
      </UrlForm>
    </div>
  );
}
