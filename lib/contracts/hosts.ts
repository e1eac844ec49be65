import * as z from 'zod/mini';

/**
 * The responses the browser reads about hosts, one schema each, written with
 * zod/mini (functional and tree-shakable: a few kB in the browser instead of
 * full zod). The server builds these objects and types them from here
 * (lib/server/fleet.ts, lib/server/host-summary.ts); the browser parses every
 * response with the same schema (lib/client/hosts.ts).
 */

const error = z.object({ code: z.string(), message: z.string() });
const id = z.nullable(z.number().check(z.int()));

/** facts.kasmUser as the API serves it (lib/sysbox/kasm-user.ts computes it; test/unit/contracts.test.ts keeps the two types equal). */
export const kasmUserFactContract = z.object({
  uid: id,
  gid: id,
  rangeStart: z.object({ uid: id, gid: id }),
  source: z.enum(['live-map', 'subuid', 'per-container', 'unknown']),
  explanation: z.string(),
});

/** One row of GET /api/v1/hosts. */
export const fleetRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['docker', 'dashboard']),
  endpoint: z.string(),
  reachable: z.boolean(),
  verdict: z.optional(z.enum(['ready', 'degraded', 'not-ready'])),
  checkedAt: z.optional(z.string()),
  /** When the host was first seen unreachable in the current outage (the server's memory). */
  unreachableSince: z.optional(z.string()),
  error: z.optional(error),
  sysboxVersion: z.optional(z.nullable(z.string())),
  kernel: z.optional(z.nullable(z.string())),
  /** sysbox-runc listed in Docker's /info runtimes (null: Docker unreachable). */
  runtimeRegistered: z.optional(z.nullable(z.boolean())),
  /** The path Docker runs for sysbox-runc (null: not registered or Docker unreachable). */
  runtimePath: z.optional(z.nullable(z.string())),
  /** Is that path the installed Sysbox binary (null: not registered or Docker unreachable)? A runtime name alone does not make it Sysbox. */
  runtimeIsSysbox: z.optional(z.nullable(z.boolean())),
  problems: z.optional(z.number()),
  /** The host's facts.kasmUser (the one evaluator's answer). */
  kasmUser: z.optional(kasmUserFactContract),
  counts: z.optional(z.nullable(z.object({ containers: z.number(), sysbox: z.number(), sessions: z.number(), withFindings: z.number(), findings: z.number() }))),
});
export type FleetRow = z.infer<typeof fleetRowSchema>;

/** GET /api/v1/hosts */
export const fleetSchema = z.object({ hosts: z.array(fleetRowSchema) });
export type Fleet = z.infer<typeof fleetSchema>;

/** GET /api/v1/hosts/{host}: is the host there, and why not. */
export const hostSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['docker', 'dashboard']),
  endpoint: z.string(),
  reachable: z.boolean(),
  docker: z.optional(z.object({ version: z.string(), apiVersion: z.string(), kernelVersion: z.optional(z.string()) })),
  error: z.optional(error),
  checkedAt: z.string(),
});
export type HostSummary = z.infer<typeof hostSummarySchema>;
