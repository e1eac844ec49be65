import 'server-only';
import { z } from 'zod';
import { dockerGet } from './docker';
import { AppError } from './errors';
import type { HostConfig } from './hosts';

const versionSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  KernelVersion: z.string().optional(),
  Os: z.string().optional(),
  Arch: z.string().optional(),
});

export interface HostSummary {
  id: string;
  name: string;
  kind: 'docker';
  endpoint: string;
  reachable: boolean;
  docker?: { version: string; apiVersion: string; kernelVersion?: string };
  error?: { code: string; message: string };
  checkedAt: string;
}

/** Asks one host's Docker for /version: reachable or not, and why. */
export async function summarizeHost(host: HostConfig): Promise<HostSummary> {
  const base = { id: host.id, name: host.name, kind: host.kind, endpoint: host.docker.url };
  try {
    const v = versionSchema.parse(await dockerGet(host, '/version'));
    return {
      ...base,
      reachable: true,
      docker: { version: v.Version, apiVersion: v.ApiVersion, kernelVersion: v.KernelVersion },
      checkedAt: new Date().toISOString(),
    };
  } catch (err) {
    const e =
      err instanceof AppError
        ? { code: err.code, message: err.message }
        : { code: 'docker_error', message: 'Docker answered /version with something unexpected' };
    return { ...base, reachable: false, error: e, checkedAt: new Date().toISOString() };
  }
}
