/**
 * Kasm passes a run_config to docker-py's `containers.run(**kwargs)`: these are
 * the keyword arguments it accepts (docker-py 6/7). Anything else is a
 * TypeError when the session starts.
 */
export const DOCKER_PY_RUN_KWARGS: ReadonlySet<string> = new Set([
  'auto_remove', 'blkio_weight_device', 'blkio_weight', 'cap_add', 'cap_drop', 'cgroup_parent', 'cgroupns', 'command',
  'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpuset_cpus',
  'cpuset_mems', 'detach', 'device_cgroup_rules', 'device_read_bps', 'device_read_iops', 'device_write_bps',
  'device_write_iops', 'devices', 'device_requests', 'dns', 'dns_opt', 'dns_search', 'domainname', 'entrypoint',
  'environment', 'extra_hosts', 'group_add', 'healthcheck', 'hostname', 'init', 'init_path', 'ipc_mode', 'isolation',
  'kernel_memory', 'labels', 'links', 'log_config', 'lxc_conf', 'mac_address', 'mem_limit', 'mem_reservation',
  'mem_swappiness', 'memswap_limit', 'mounts', 'name', 'nano_cpus', 'network', 'network_disabled', 'network_mode',
  'networking_config', 'oom_kill_disable', 'oom_score_adj', 'pid_mode', 'pids_limit', 'platform', 'ports', 'privileged',
  'publish_all_ports', 'read_only', 'remove', 'restart_policy', 'runtime', 'security_opt', 'shm_size', 'stdin_open',
  'stdout', 'stderr', 'stop_signal', 'storage_opt', 'stream', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'use_config_proxy',
  'user', 'userns_mode', 'uts_mode', 'version', 'volume_driver', 'volumes', 'volumes_from', 'working_dir',
  // docker-py passes these through to create_container as well
  'stop_timeout',
]);

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
