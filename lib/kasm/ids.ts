import { z } from 'zod';
import { kasmUserFromRange, type KasmUserFact } from '../sysbox/kasm-user';

/** kasm-user's uid/gid inside Kasm images (the one constant lives with the kasm-user evaluator). */
export { KASM_USER_ID } from '../sysbox/kasm-user';

/**
 * kasm-user from the sysbox subuid/subgid starts an admin typed into a
 * generator or the lint (one stands in for the other), or null when neither
 * was given. `source` says where the numbers came from, in the explanation.
 */
export function kasmUserFromStarts(starts: { subuidStart?: number | undefined; subgidStart?: number | undefined }, source: string): KasmUserFact | null {
  if (starts.subuidStart === undefined && starts.subgidStart === undefined) return null;
  return kasmUserFromRange(starts.subuidStart ?? starts.subgidStart ?? null, starts.subgidStart ?? starts.subuidStart ?? null, source);
}

/** Whether Sysbox can ID-shift a bind mount on this host (ID-mapped mounts or shiftfs). */
export const ID_SHIFT = ['yes', 'no', 'unknown'] as const;
export const idShiftSchema = z.enum(ID_SHIFT);
export type IdShift = z.infer<typeof idShiftSchema>;
