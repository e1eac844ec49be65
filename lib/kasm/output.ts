import { z } from 'zod';

import { severitySchema, type Severity } from '@/lib/sysbox/severity';

export { SEVERITIES, severitySchema, type Severity } from '@/lib/sysbox/severity';
/** The order findings are shown in: errors first. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** A note about a generated output (refused keys, explanations, arithmetic). */
export const generatorWarningSchema = z.object({ id: z.string(), severity: severitySchema, message: z.string() });
export type GeneratorWarning = z.infer<typeof generatorWarningSchema>;

/** What every generator returns (and what POST /api/v1/generate/* answers). */
export interface GeneratorOutput<T = unknown> {
  json: T;
  /** Exactly what the admin pastes: 2-space indented JSON. */
  text: string;
  warnings: GeneratorWarning[];
}

export function toOutput<T>(json: T, warnings: GeneratorWarning[]): GeneratorOutput<T> {
  return { json, text: json === null ? '' : JSON.stringify(json, null, 2), warnings };
}

/** A lint finding (POST /api/v1/lint/* answers `{ findings }`). */
export const findingSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
