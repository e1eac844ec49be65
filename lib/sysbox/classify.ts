import { KASM_USER_ID } from './kasm-user';
import type { IdMapEntry, KasmInfo } from './container-schema';
import { isIdentityMap, mapToHost } from './idmap';
import { recognizeKasm } from './recognize';
import { isSysboxRuntime } from './runtime';

/**
 * Container classification: what one container IS (Sysbox or not, NVIDIA GPU,
 * which Kasm kind, the host uids of its root and kasm-user), from the facts a
 * probe read. Pure; lib/server/containers/inspect.ts only fetches and calls it.
 */
export interface GpuFacts {
  runtime: string;
  /** HostConfig.DeviceRequests: driver and capability sets. */
  deviceRequests: readonly { driver: string; capabilities: readonly (readonly string[])[] }[];
  /** HostConfig.Devices: PathOnHost of each device. */
  devicePaths: readonly string[];
}

/**
 * An NVIDIA GPU is requested: an NVIDIA runtime, a device request (`--gpus`,
 * driver nvidia or capability "gpu"), or /dev/nvidia* devices. Only these are
 * incompatible with Sysbox; /dev/dri (Intel/AMD, DRI3 with the open-source
 * drivers) works under Sysbox and is not a GPU request here (Kasm's Sysbox
 * guide, https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html: "GPU
 * acceleration via DRI3 with open source drivers works"; NVIDIA is listed as
 * incompatible).
 */
export function detectGpu(f: GpuFacts): boolean {
  if (/nvidia/i.test(f.runtime)) return true;
  if (f.deviceRequests.some((r) => /nvidia/i.test(r.driver) || r.capabilities.some((set) => set.includes('gpu')))) return true;
  return f.devicePaths.some((p) => p.startsWith('/dev/nvidia'));
}

/** The /dev/dri devices passed to a container (render nodes and cards of Intel/AMD GPUs). */
export function driDevices(devicePaths: readonly string[]): string[] {
  return devicePaths.filter((p) => p === '/dev/dri' || p.startsWith('/dev/dri/'));
}

export interface ClassifyInput extends GpuFacts {
  /** The container name without Docker's leading "/". */
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The live uid_map/gid_map, null when not readable (not running, remote). */
  idMap: { uid: IdMapEntry[]; gid: IdMapEntry[] } | null;
}

export interface Classification {
  sysbox: boolean;
  kasm: KasmInfo;
  gpu: boolean;
  /** Host uids of container root (0) and kasm-user, read through the live uid_map. */
  hostUids: { root: number | null; kasmUser: number | null } | null;
  /** Whether the uid_map is the identity (no user namespace); null when unknown. */
  identityUidMap: boolean | null;
  driDevices: string[];
}

export function classifyContainer(c: ClassifyInput): Classification {
  return {
    sysbox: isSysboxRuntime(c.runtime),
    kasm: recognizeKasm(c.name, c.labels),
    gpu: detectGpu(c),
    hostUids: c.idMap ? { root: mapToHost(c.idMap.uid, 0), kasmUser: mapToHost(c.idMap.uid, KASM_USER_ID) } : null,
    identityUidMap: c.idMap ? isIdentityMap(c.idMap.uid) : null,
    driDevices: driDevices(c.devicePaths),
  };
}
