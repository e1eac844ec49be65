import 'server-only';
import type { z } from 'zod';
import { formIssues } from '@/components/generate/issues';
import { readFormFields, type ObjectSchema } from '@/lib/kasm/url-state';
import { searchParamsOf, type PageSearchParams } from '@/lib/server/page-data';

/** Page props of a generator page (Next 16: searchParams is a Promise). */
export interface GeneratorPageProps {
  searchParams: Promise<PageSearchParams>;
}

export interface ReadForm<S extends ObjectSchema> {
  /** What the form shows: each URL value (even an invalid one, so the problem stays visible), else the default. */
  form: z.infer<S>;
  /** The validated form, or null when a field is invalid (then `issues` says which). */
  valid: z.infer<S> | null;
  issues: string[];
  /** Whether the URL set this field (a shared link wins over live host values). */
  has: (key: string) => boolean;
  params: URLSearchParams;
}

/**
 * The generators' form state lives in the URL (lib/kasm/url-state.ts writes one
 * parameter per field that differs from its default: strings as they are,
 * everything else as JSON). The server reads it here, field by field: a value
 * the field's schema accepts (as JSON, else as the raw string) is taken; one it
 * refuses is kept as typed so the whole-form parse reports it ("hostname: a
 * hostname: letters, digits and -") instead of silently showing the default.
 */
export function readForm<S extends ObjectSchema>(schema: S, params: URLSearchParams): ReadForm<S> {
  const raw = readFormFields(schema, params, true);
  const parsed = schema.safeParse(raw);
  const defaults = schema.parse({}) as Record<string, unknown>;
  const form = (parsed.success ? parsed.data : { ...defaults, ...raw }) as z.infer<S>;
  return { form, valid: parsed.success ? parsed.data : null, issues: formIssues(parsed.error), has: (k) => params.has(k), params };
}

export async function generatorParams(props: GeneratorPageProps): Promise<URLSearchParams> {
  return searchParamsOf(await props.searchParams);
}
