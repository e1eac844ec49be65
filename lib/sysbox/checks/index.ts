import type { HostCheck } from './context';
import { containersSysboxHealthCheck } from './containers-sysbox-health';
import { daemonJsonHostCheck } from './daemon-json';
import { dockerReachableCheck } from './docker-reachable';
import { dockerRootlessCheck } from './docker-rootless';
import { dockerSnapCheck } from './docker-snap';
import { hostOsCheck } from './host-os';
import { kernelIdShiftingCheck } from './kernel-id-shifting';
import { kernelUsernsCheck } from './kernel-userns';
import { kernelVersionHostCheck } from './kernel-version';
import { subidSysboxCheck } from './subid-sysbox';
import { sysboxInstalledCheck } from './sysbox-installed';
import { sysboxRuntimeCheck } from './sysbox-runtime';
import { sysboxServicesCheck } from './sysbox-services';

/**
 * Every readiness check, in the order the API and the Overview show them.
 * Adding a check: one file here exporting a HostCheck, its id in
 * check.ts checkIdSchema, and one line in this list.
 */
export const HOST_CHECKS: readonly HostCheck[] = [
  dockerReachableCheck,
  dockerRootlessCheck,
  dockerSnapCheck,
  sysboxInstalledCheck,
  sysboxRuntimeCheck,
  sysboxServicesCheck,
  daemonJsonHostCheck,
  kernelVersionHostCheck,
  kernelIdShiftingCheck,
  kernelUsernsCheck,
  subidSysboxCheck,
  hostOsCheck,
  containersSysboxHealthCheck,
];
