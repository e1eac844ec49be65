import { idShiftMechanism, kernelFeatures, parseKernelVersion, shiftfsState, type KernelVersion, type ShiftfsState } from '../kernel';
import type { HostFiles, HostSnapshot } from '../snapshot';
import type { HostStatus } from '../status';
import { NO_FILES, text } from './shared';

/**
 * The kernel as the checks see it: its version (Docker's, else the host's
 * /proc/sys/kernel/osrelease), shiftfs, and the ID-shifting facts
 * (facts.kernel) that kernel.id-shifting and facts.kasmUser read.
 */
export interface KernelFacts {
  version: KernelVersion | null;
  source: string;
  shiftfs: ShiftfsState | null;
  status: HostStatus['facts']['kernel'];
}

export function kernelFacts(s: HostSnapshot): KernelFacts {
  const f = s.files;
  let version: KernelVersion | null = null;
  let source = 'unknown';
  if (s.docker.ok) {
    version = parseKernelVersion(s.docker.value.info.KernelVersion ?? s.docker.value.version.KernelVersion);
    if (version) source = 'Docker /info KernelVersion';
  }
  if (!version && f) {
    version = parseKernelVersion(text(f.kernelOsrelease));
    if (version) source = `${f.proc}/sys/kernel/osrelease`;
  }
  const shiftfs = f
    ? shiftfsState({
        procModules: text(f.procModules),
        procFilesystems: text(f.procFilesystems),
        sysModule: f.sysModuleShiftfs.state === 'ok' ? true : f.sysModuleShiftfs.state === 'missing' ? false : null,
        modulesDep: text(f.modulesDepShiftfs),
      })
    : null;
  return { version, source, shiftfs, status: kernelStatus(version, shiftfs) };
}

function kernelStatus(version: KernelVersion | null, shiftfs: ShiftfsState | null): HostStatus['facts']['kernel'] {
  if (!version) {
    return { version: null, idMappedMounts: null, overlayfsOnIdMapped: null, tmpfsIdMapped: null, shiftfs, mechanism: null };
  }
  const feat = kernelFeatures(version);
  return { version: version.raw, ...feat, shiftfs, mechanism: idShiftMechanism(feat, shiftfs) };
}

export function shiftfsEvidence(f: HostFiles | null, state: ShiftfsState | null): string {
  if (!f) return `shiftfs: ${NO_FILES}`;
  return `shiftfs: ${state ?? 'unknown'} (/proc/modules ${f.procModules.state}, /sys/module/shiftfs ${f.sysModuleShiftfs.state === 'ok' ? 'present' : f.sysModuleShiftfs.state})`;
}
