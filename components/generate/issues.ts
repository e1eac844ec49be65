import type { z } from 'zod';

/** Readable form problems from a zod error ("hostname: a hostname: letters, digits and -"). */
export function formIssues(error: z.ZodError | undefined): string[] {
  if (!error) return [];
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
}
