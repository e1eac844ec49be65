import type { Check, CheckId } from '../check';
import { evaluateKasmUser, type KasmUserFact } from '../kasm-user';
import { isSysboxRuntime } from '../runtime';
import type { HostFiles, HostSnapshot } from '../snapshot';
import type { DaemonJsonParse } from '../daemon-json';
import { daemonJsonParse } from './daemon-json';
import { kernelFacts, type KernelFacts } from './kernel-facts';
import { serviceFacts, type ServiceFacts } from './sysbox-services';
import { text } from './shared';
import { sysboxInstall, type SysboxInstall } from './sysbox-install';

/**
 * What the checks share, derived once per snapshot: the raw snapshot plus
 * the facts several checks (and HostStatus.facts) read.
 */
export interface HostContext {
  snapshot: HostSnapshot;
  files: HostFiles | null;
  install: SysboxInstall;
  daemonJson: DaemonJsonParse | null;
  services: ServiceFacts;
  kernel: KernelFacts;
  kasmUser: KasmUserFact;
}

/** One readiness check: its id and its pure evaluator. Its texts and docs link live in its file. */
export interface HostCheck {
  id: CheckId;
  evaluate: (ctx: HostContext) => Check;
}

export function hostContext(s: HostSnapshot): HostContext {
  const f = s.files;
  const kernel = kernelFacts(s);
  return {
    snapshot: s,
    files: f,
    install: sysboxInstall(f),
    daemonJson: daemonJsonParse(f),
    services: serviceFacts(f),
    kernel,
    kasmUser: evaluateKasmUser({
      subuid: text(f?.subuid),
      subgid: text(f?.subgid),
      liveMaps: s.containers.ok
        ? s.containers.value.flatMap((c) => (isSysboxRuntime(c.runtime) && c.state === 'running' && c.idMap ? [{ name: c.name, uid: c.idMap.uid, gid: c.idMap.gid }] : []))
        : [],
      idMappedMounts: kernel.status.idMappedMounts,
    }),
  };
}
