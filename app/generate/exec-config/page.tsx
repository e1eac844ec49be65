import type { Metadata } from 'next';
import { ExecConfigGenerator } from '@/components/generate/exec-config-generator';
import { UrlForm } from '@/components/generate/url-form';
import { execConfigFormSchema } from '@/lib/kasm/exec-config';
import { hostIdOf } from '@/lib/server/page-data';
import { generatorParams, readForm, type GeneratorPageProps } from '../_lib/form';

export const metadata: Metadata = { title: 'Docker Exec Config: sudo for kasm-user' };

/** Rendered on the server from the URL's form state, where the generator runs; the browser only edits the URL. */
export default async function Page(props: GeneratorPageProps) {
  const params = await generatorParams(props);
  const { form, valid, issues } = readForm(execConfigFormSchema, params);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Docker Exec Config: sudo for kasm-user</h1>
        <p className="text-sm text-muted">A first_launch hook, run as root once per new container, that gives the Workspace user sudo. The cmd is quoted for bash -c inside JSON.</p>
        <p className="text-sm text-warn" data-testid="exec-config-log-warning">
          Kasm logs the exec_config at debug level: anything secret in it (a sudo password) lands in Kasm’s logs as well as in its database.
        </p>
      </div>
      <UrlForm key={hostIdOf(params)}>
        <ExecConfigGenerator form={form} valid={valid} issues={issues} />
      </UrlForm>
    </div>
  );
}
