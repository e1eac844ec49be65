import 'server-only';
import { z } from 'zod';
import { dockerVersionSchema } from '@/lib/sysbox/snapshot';
import { dockerGet } from './docker';
import { AppError, toAppError } from './errors';
import { publicEndpoint, type AnyHostConfig } from './hosts';
import { remoteGetParsed } from './remote-dashboard';
import type { HostSummary } from '@/lib/contracts/hosts';

const remoteSummarySchema = z.object({
  reachable: z.boolean(),
  docker: z.object({ version: z.string(), apiVersion: z.string(), kernelVersion: z.string().optional() }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export type { HostSummary } from '@/lib/contracts/hosts';

/** An AppError as it is; anything else (e.g. a /version of another shape) is logged and reported as the host's fault. */
function failure(err: unknown, hostId: string): { code: string; message: string } {
  const e = toAppError(err, `hosts ${hostId}`, () => new AppError('docker_error', 'the host answered with something unexpected'));
  return { code: e.code, message: e.message };
}

/** Asks one host's Docker (or remote dashboard) whether it is there: reachable or not, and why. */
export async function summarizeHost(host: AnyHostConfig): Promise<HostSummary> {
  const base = { id: host.id, name: host.name, kind: host.kind, endpoint: publicEndpoint(host) };
  try {
    if (host.kind === 'dashboard') {
      const r = await remoteGetParsed(host, '/api/v1/hosts/local', remoteSummarySchema);
      return { ...base, reachable: r.reachable, docker: r.docker, error: r.error, checkedAt: new Date().toISOString() };
    }
    const v = dockerVersionSchema.parse(await dockerGet(host, '/version'));
    return {
      ...base,
      reachable: true,
      docker: { version: v.Version, apiVersion: v.ApiVersion, kernelVersion: v.KernelVersion },
      checkedAt: new Date().toISOString(),
    };
  } catch (err) {
    return { ...base, reachable: false, error: failure(err, host.id), checkedAt: new Date().toISOString() };
  }
}
