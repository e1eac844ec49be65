import {
  getGroupsAnswerSchema,
  getImagesAnswerSchema,
  getSettingsGroupAnswerSchema,
  getStorageProvidersAnswerSchema,
  type KasmDeployment,
} from '@/lib/kasm/deployment';
import { standinGroups, standinImages, standinSettings, standinStorageProviders, type StandinIds } from './kasm-standin.mjs';

/** The stand-in Kasm's deployment without a server, parsed by the client's own schemas (for unit tests). */
export function standinDeployment(ids: StandinIds, corpusFile?: string): KasmDeployment {
  return {
    fetchedAt: '2026-11-29T12:00:00.000Z',
    images: getImagesAnswerSchema.parse({ images: standinImages(ids, corpusFile) }).images,
    groups: getGroupsAnswerSchema.parse({ groups: standinGroups() }).groups.map((group) => ({
      group,
      settings: getSettingsGroupAnswerSchema.parse({ settings: standinSettings(group.group_id) }).settings,
    })),
    storageProviders: getStorageProvidersAnswerSchema.parse({ storage_providers: standinStorageProviders(ids) }).storage_providers,
  };
}

/**
 * What the audit must find in the stand-in deployment, per admin-edited
 * Workspace: [finding id, severity, field], exactly (order: severity, then as found).
 */
export const EXPECTED_EDITED: Record<string, { sysbox: boolean; findings: [string, string, string][]; fixes: string[] }> = {
  'Sysbox Jammy (right)': { sysbox: true, findings: [], fixes: [] },
  'Sysbox without user': { sysbox: true, findings: [['sysbox.user-missing', 'error', 'run_config']], fixes: ['run_config'] },
  'Sysbox with GPU': { sysbox: true, findings: [['sysbox.gpu', 'error', 'require_gpu']], fixes: [] },
  'Sysbox persistent profile': { sysbox: true, findings: [['sysbox.persistent-profile', 'error', 'persistent_profile_path']], fixes: [] },
  'Sysbox volume 1000': {
    sysbox: true,
    findings: [
      ['sysbox.uid-1000', 'warning', 'volume_mappings'],
      ['shared.volume', 'warning', 'volume_mappings'],
    ],
    fixes: ['volume_mappings'],
  },
  'Sysbox Rocky with apt-get': { sysbox: true, findings: [['exec.package-manager', 'error', 'exec_config']], fixes: ['exec_config'] },
  'Plain shared folder': { sysbox: false, findings: [['shared.volume', 'warning', 'volume_mappings']], fixes: [] },
  'Sysbox disabled': {
    sysbox: true,
    findings: [
      ['sysbox.user-missing', 'error', 'run_config'],
      ['sysbox.no-init', 'warning', 'run_config'],
    ],
    fixes: ['run_config'],
  },
};

export const EXPECTED_DEPLOYMENT: [string, string][] = [
  ['group.user-override', 'group Contractors: run_config'],
  ['shared.volume', 'volume_mappings'],
  ['shared.storage', 'storage provider Team S3'],
];
export const EXPECTED_GROUPS: [string, string[]][] = [
  ['All Users', []],
  ['Sysbox Admins', []],
  ['Contractors', ['group.user-override']],
];
export const EXPECTED_STORAGE: [string, string[]][] = [
  ['Team S3', ['sysbox.storage-ids', 'shared.storage']],
  ['Old Dropbox', []],
];
