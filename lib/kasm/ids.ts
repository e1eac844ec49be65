import { z } from 'zod';

/** kasm-user's uid/gid inside Kasm images (the one constant lives with the kasm-user evaluator). */
export { KASM_USER_ID } from '../sysbox/kasm-user';

/** Whether Sysbox can ID-shift a bind mount on this host (ID-mapped mounts or shiftfs). */
export const ID_SHIFT = ['yes', 'no', 'unknown'] as const;
export const idShiftSchema = z.enum(ID_SHIFT);
export type IdShift = z.infer<typeof idShiftSchema>;
