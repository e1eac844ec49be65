import { z } from 'zod';

/**
 * kasm-user's identity on a host (issue #11 "Truth"). Stand-in: ONLY the
 * contract (type + schema), so the Kasm audit can be written against it; the
 * truth-core branch brings the evaluator and replaces this file at merge.
 */
export const kasmUserFactSchema = z.object({
  uid: z.number().int().nullable(),
  gid: z.number().int().nullable(),
  rangeStart: z.object({ uid: z.number().int().nullable(), gid: z.number().int().nullable() }),
  source: z.enum(['live-map', 'subuid', 'per-container', 'unknown']),
  explanation: z.string(),
});

export type KasmUserFact = {
  uid: number | null;
  gid: number | null;
  rangeStart: { uid: number | null; gid: number | null };
  source: 'live-map' | 'subuid' | 'per-container' | 'unknown';
  explanation: string;
};
