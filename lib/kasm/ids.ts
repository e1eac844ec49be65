import { z } from 'zod';

/** kasm-user's uid/gid inside Kasm images. */
export const KASM_USER_ID = 1000;

/** Whether Sysbox can ID-shift a bind mount on this host (ID-mapped mounts or shiftfs). */
export const ID_SHIFT = ['yes', 'no', 'unknown'] as const;
export const idShiftSchema = z.enum(ID_SHIFT);
export type IdShift = z.infer<typeof idShiftSchema>;

/** The host id kasm-user's files carry when nothing shifts them: start of the sysbox subid range + 1000. */
export function kasmUserHostId(subidStart: number): number {
  return subidStart + KASM_USER_ID;
}

/** "296608 + 1000 = 297608" */
export function idArithmetic(subidStart: number): string {
  return `${subidStart} + ${KASM_USER_ID} = ${kasmUserHostId(subidStart)}`;
}
