'use server';

import type { LintState } from '@/components/generate/lint-panel';
import { hostIdOrLocal } from '@/lib/contracts/host-id';
import { lintFormSchema, lintState } from '../_lib/lint';

/**
 * The Lint tab's server action: the pasted JSON is posted here and checked on
 * the server (no lint code in the browser). Bad input is refused with a clear
 * message, never a 500.
 */
export async function lintAction(input: { form: unknown; host: string }): Promise<LintState | { error: string }> {
  const form = lintFormSchema.safeParse(input.form);
  if (!form.success) return { error: form.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return lintState(form.data, hostIdOrLocal(input.host));
}
