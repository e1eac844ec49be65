import 'server-only';
import os from 'node:os';
import { getEnv } from './env';

/**
 * The Docker hosts this dashboard watches. Today: one host, `local`, from
 * DOCKER_HOST. Designed so a hosts file can add more (each with its own id).
 */
export interface DockerEndpoint {
  /** As the Docker CLI writes it, without secrets: unix:///var/run/docker.sock, tcp://h:2376 */
  url: string;
  tlsVerify: boolean;
  certPath?: string;
}

export interface HostConfig {
  id: string;
  name: string;
  kind: 'docker';
  docker: DockerEndpoint;
  /** Whether this host's files are visible (HOST_ROOT / HOST_PROC). Only the local host. */
  files: { root: string; proc: string } | null;
}

export const HOST_ID_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function listHosts(): HostConfig[] {
  const env = getEnv();
  return [
    {
      id: 'local',
      name: os.hostname(),
      kind: 'docker',
      docker: {
        url: env.DOCKER_HOST,
        tlsVerify: env.DOCKER_TLS_VERIFY ?? false,
        certPath: env.DOCKER_CERT_PATH,
      },
      files: { root: env.HOST_ROOT, proc: env.HOST_PROC },
    },
  ];
}

export function findHost(id: string): HostConfig | undefined {
  return listHosts().find((h) => h.id === id);
}
