import type { Metadata } from 'next';
import { LintPanel } from '@/components/generate/lint-panel';
import { hostIdOf } from '@/lib/server/page-data';
import { generatorParams, readForm, type GeneratorPageProps } from '../_lib/form';
import { lintFormSchema, lintState } from '../_lib/lint';
import { lintAction } from './actions';

export const metadata: Metadata = { title: 'Lint pasted Kasm JSON' };

/** The first findings are rendered on the server from the URL; later changes are posted to the lint server action. */
export default async function Page(props: GeneratorPageProps) {
  const params = await generatorParams(props);
  const host = hostIdOf(params);
  const { valid } = readForm(lintFormSchema, params);
  const form = valid ?? lintFormSchema.parse({});
  const state = await lintState(form, host);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Lint pasted Kasm JSON</h1>
        <p className="text-sm text-muted">Paste a run_config, exec_config or volume mappings you already have: syntax errors with line and column, Sysbox incompatibilities, keys Kasm ignores or rejects.</p>
      </div>
      <LintPanel key={host} initial={form} initialState={state} host={host} lint={lintAction} />
    </div>
  );
}
