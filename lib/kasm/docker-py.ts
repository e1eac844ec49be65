/**
 * Kasm passes a run_config to docker-py's `containers.run(image, **kwargs)`.
 * The keyword arguments it accepts, copied from docker-py 7.x
 * `docker/models/containers.py`: `RUN_CREATE_KWARGS` and
 * `RUN_HOST_CONFIG_KWARGS` (the lists `_create_container_args` copies), the
 * keys `_create_container_args` pops itself (`ports`, `volumes`, `network`,
 * and since 7.0 `networking_config`, docker-py #3121), and `run()`'s own
 * parameters (`stdout`, `stderr`, `remove`, `stream`, `detach`). Anything else
 * is left in kwargs and raises `create_unexpected_kwargs_error('run', ...)`, a
 * TypeError: the session fails to start.
 * https://github.com/docker/docker-py/blob/main/docker/models/containers.py
 */
export const RUN_CREATE_KWARGS = [
  'command', 'detach', 'domainname', 'entrypoint', 'environment', 'healthcheck', 'hostname', 'image', 'labels',
  'mac_address', 'name', 'network_disabled', 'platform', 'stdin_open', 'stop_signal', 'tty', 'use_config_proxy', 'user',
  'working_dir',
] as const;

export const RUN_HOST_CONFIG_KWARGS = [
  'auto_remove', 'blkio_weight_device', 'blkio_weight', 'cap_add', 'cap_drop', 'cgroup_parent', 'cgroupns', 'cpu_count',
  'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_shares', 'cpuset_cpus', 'cpuset_mems', 'cpu_rt_period', 'cpu_rt_runtime',
  'device_cgroup_rules', 'device_read_bps', 'device_read_iops', 'device_write_bps', 'device_write_iops', 'devices',
  'device_requests', 'dns_opt', 'dns_search', 'dns', 'extra_hosts', 'group_add', 'init', 'init_path', 'ipc_mode',
  'isolation', 'kernel_memory', 'links', 'log_config', 'lxc_conf', 'mem_limit', 'mem_reservation', 'mem_swappiness',
  'memswap_limit', 'mounts', 'nano_cpus', 'network_mode', 'oom_kill_disable', 'oom_score_adj', 'pid_mode', 'pids_limit',
  'privileged', 'publish_all_ports', 'read_only', 'restart_policy', 'security_opt', 'shm_size', 'storage_opt', 'sysctls',
  'tmpfs', 'ulimits', 'userns_mode', 'uts_mode', 'version', 'volume_driver', 'volumes_from', 'runtime',
] as const;

/** Popped by `_create_container_args` itself, and `run()`'s own parameters. */
export const RUN_OTHER_KWARGS = ['ports', 'volumes', 'network', 'networking_config', 'stdout', 'stderr', 'remove', 'stream'] as const;

export const DOCKER_PY_RUN_KWARGS: ReadonlySet<string> = new Set<string>([...RUN_CREATE_KWARGS, ...RUN_HOST_CONFIG_KWARGS, ...RUN_OTHER_KWARGS]);

/** Keys admins reach for that `containers.run` does not take, with why. */
export const NOT_RUN_KWARGS: Readonly<Record<string, string>> = {
  // create_container() (the low-level API) takes stop_timeout; containers.run() does not pass it on.
  stop_timeout: 'docker-py\'s containers.run does not take it (only the low-level create_container does): the session fails to start',
};

/** Keys Kasm sets itself on every session container: a run_config value is overwritten or collides. */
export function kasmOverriddenReason(key: string): string | null {
  if (key === 'image') return 'Kasm always sets the image from the Workspace\'s Docker Image field';
  if (key === 'name') return 'Kasm names each session container itself; a fixed name collides on the second session';
  if (key === 'labels') return 'Kasm overwrites labels with kasm.kasmid and kasm.async_destroy';
  if (key === 'detach') return 'Kasm always runs session containers detached';
  if (key === 'mem_limit') return 'Kasm sets mem_limit from the Workspace\'s Memory (MB) field';
  if (key === 'nano_cpus' || key.startsWith('cpu_')) return 'Kasm sets the CPU limits from the Workspace\'s Cores field';
  return null;
}

/** Top-level keys that belong to other Kasm settings, with where they go. */
export const MISPLACED_IN_RUN_CONFIG: Readonly<Record<string, string>> = {
  first_launch: 'is an exec_config hook: put it in Docker Exec Config (JSON)',
  assign: 'is an exec_config hook: put it in Docker Exec Config (JSON)',
  go: 'is an exec_config hook: put it in Docker Exec Config (JSON)',
  cmd: 'belongs inside an exec_config hook; a run_config uses "command" or "entrypoint"',
  bind: 'belongs in a Volume Mappings entry',
  volume_mappings: 'is its own Workspace field (Volume Mappings (JSON))',
  gpus: 'is a docker CLI flag; docker-py takes "device_requests" (and GPUs do not work under Sysbox)',
  env: 'docker-py calls it "environment"',
  Env: 'docker-py calls it "environment"',
  HostConfig: 'is the Engine API shape; Kasm wants docker-py arguments (e.g. "privileged", "devices") at the top level',
  shm: 'docker-py calls it "shm_size"',
};

/** Where a misplaced key belongs, or null. Own keys only: a pasted "constructor" is not Object's. */
export function misplacedReason(key: string): string | null {
  return Object.hasOwn(MISPLACED_IN_RUN_CONFIG, key) ? (MISPLACED_IN_RUN_CONFIG[key] ?? null) : null;
}

/** Why docker-py's containers.run refuses a key admins reach for, or null. */
export function notRunReason(key: string): string | null {
  return Object.hasOwn(NOT_RUN_KWARGS, key) ? (NOT_RUN_KWARGS[key] ?? null) : null;
}
