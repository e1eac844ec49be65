import 'server-only';
import { z } from 'zod';
import { dockerGet } from './docker';
import { AppError } from './errors';
import { publicEndpoint, type AnyHostConfig } from './hosts';
import { remoteGetParsed } from './remote-dashboard';
import type { HostSummary } from '@/lib/contracts/hosts';

const versionSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  KernelVersion: z.string().optional(),
  Os: z.string().optional(),
  Arch: z.string().optional(),
});

const remoteSummarySchema = z.object({
  reachable: z.boolean(),
  docker: z.object({ version: z.string(), apiVersion: z.string(), kernelVersion: z.string().optional() }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export type { HostSummary } from '@/lib/contracts/hosts';

function failure(err: unknown): { code: string; message: string } {
  return err instanceof AppError
    ? { code: err.code, message: err.message }
    : { code: 'docker_error', message: 'the host answered with something unexpected' };
}

/** Asks one host's Docker (or remote dashboard) whether it is there: reachable or not, and why. */
export async function summarizeHost(host: AnyHostConfig): Promise<HostSummary> {
  const base = { id: host.id, name: host.name, kind: host.kind, endpoint: publicEndpoint(host) };
  try {
    if (host.kind === 'dashboard') {
      const r = await remoteGetParsed(host, '/api/v1/hosts/local', remoteSummarySchema);
      return { ...base, reachable: r.reachable, docker: r.docker, error: r.error, checkedAt: new Date().toISOString() };
    }
    const v = versionSchema.parse(await dockerGet(host, '/version'));
    return {
      ...base,
      reachable: true,
      docker: { version: v.Version, apiVersion: v.ApiVersion, kernelVersion: v.KernelVersion },
      checkedAt: new Date().toISOString(),
    };
  } catch (err) {
    return { ...base, reachable: false, error: failure(err), checkedAt: new Date().toISOString() };
  }
}
