import 'server-only';
import { z } from 'zod';
import type { LintState } from '@/components/generate/lint-panel';
import { idShiftSchema } from '@/lib/kasm/ids';
import { isPlainObject, parseJson } from '@/lib/kasm/json';
import { LINT_KINDS, lintExecConfig, lintRunConfig, lintVolumeMappings } from '@/lib/kasm/lint';
import { hostFactsOf } from './host-facts';

export const lintFormSchema = z.object({
  kind: z.enum(LINT_KINDS).default('run-config'),
  text: z.string().max(256 * 1024).default(''),
  group: z.string().max(256 * 1024).default(''),
  subuidStart: z.number().int().min(0).optional(),
  subgidStart: z.number().int().min(0).optional(),
  idShift: idShiftSchema.default('unknown'),
});
export type LintForm = z.infer<typeof lintFormSchema>;

/**
 * The Lint tab, on the server: the pasted JSON is checked here (the page's
 * first render from the URL, then the lint action on every change). The
 * selected host's facts.kasmUser judges volume mapping ids unless a subuid
 * start is typed in (a host the dashboard cannot see).
 */
export async function lintState(form: LintForm, host: string): Promise<LintState> {
  let group: Record<string, unknown> | null = null;
  let groupError: string | undefined;
  if (form.kind === 'run-config' && form.group.trim() !== '') {
    const p = parseJson(form.group);
    if (!p.ok) groupError = `line ${p.line}, column ${p.column}: ${p.message}`;
    else if (!isPlainObject(p.value)) groupError = 'must be a JSON object';
    else group = p.value;
  }
  if (form.kind === 'run-config') return { findings: lintRunConfig(form.text, { group }), groupError };
  if (form.kind === 'exec-config') return { findings: lintExecConfig(form.text), groupError };
  const typed = form.subuidStart !== undefined || form.subgidStart !== undefined;
  const kasmUser = typed ? null : (await hostFactsOf(host)).kasmUser;
  return {
    findings: lintVolumeMappings(form.text, { subuidStart: form.subuidStart, subgidStart: form.subgidStart, idShift: form.idShift, ...(kasmUser ? { kasmUser } : {}) }),
    groupError,
  };
}

