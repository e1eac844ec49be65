import { z } from 'zod';
import { resolveMappingIds, type KasmUserFact } from '../sysbox/kasm-user';
import { kasmUserFromStarts } from './ids';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';

export const STORAGE_PROVIDERS = {
  s3: { label: 'S3 (AWS and compatible)', kasmType: 'S3', rcloneType: 's3' },
  'google-drive': { label: 'Google Drive', kasmType: 'Google Drive', rcloneType: 'drive' },
  dropbox: { label: 'Dropbox', kasmType: 'Dropbox', rcloneType: 'dropbox' },
  onedrive: { label: 'OneDrive', kasmType: 'OneDrive', rcloneType: 'onedrive' },
  nextcloud: { label: 'Nextcloud (WebDAV)', kasmType: 'Nextcloud', rcloneType: 'webdav' },
  'azure-blob': { label: 'Azure Blob (Custom)', kasmType: 'Custom', rcloneType: 'azureblob' },
  custom: { label: 'Custom (any rclone backend)', kasmType: 'Custom', rcloneType: '' },
} as const;
export type StorageProvider = keyof typeof STORAGE_PROVIDERS;
export const STORAGE_PROVIDER_IDS = Object.keys(STORAGE_PROVIDERS) as [StorageProvider, ...StorageProvider[]];

/** Placeholders for secrets: the dashboard never takes, stores or logs a real one. */
export const SECRET_PLACEHOLDERS = {
  azureKey: 'REPLACE_WITH_AZURE_STORAGE_KEY',
} as const;

const digits = z.string().regex(/^\d{1,10}$/, 'a number, written as a string');
const optText = (max: number) => z.string().trim().max(max).default('');

export const storageMappingFormSchema = z.object({
  provider: z.enum(STORAGE_PROVIDER_IDS).default('s3'),
  /** rclone uid/gid are strings in driver_opts. */
  /** Omitted: kasm-user's host ids from the host's facts.kasmUser (FUSE is never shifted), never a silent 1000. */
  uid: digits.optional(),
  gid: digits.optional(),
  allowOther: z.boolean().default(true),
  s3Provider: z.string().trim().min(1).max(64).default('AWS'),
  s3Region: z.string().trim().min(1).max(64).default('us-east-1'),
  s3EnvAuth: z.boolean().default(false),
  s3Endpoint: optText(512),
  azureAccount: optText(64),
  customType: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9]*$/, 'an rclone backend name, e.g. sftp')
    .default(''),
  path: optText(1024),
  vfsCacheMode: z.enum(['', 'off', 'minimal', 'writes', 'full']).default(''),
  subuidStart: z.number().int().min(0).optional(),
  subgidStart: z.number().int().min(0).optional(),
});
export type StorageMappingForm = z.infer<typeof storageMappingFormSchema>;

/** What Kasm's storage provider Volume Config needs: driver rclone and string driver_opts with a type. */
export const kasmStorageVolumeConfigSchema = z
  .object({
    driver: z.literal('rclone'),
    driver_opts: z
      .record(z.string(), z.string())
      .refine((o) => typeof o.type === 'string' && o.type.length > 0, 'driver_opts.type is required')
      .refine((o) => o.uid === undefined || /^\d+$/.test(o.uid), 'driver_opts.uid must be a number written as a string')
      .refine((o) => o.gid === undefined || /^\d+$/.test(o.gid), 'driver_opts.gid must be a number written as a string'),
  })
  .strict();
export type KasmStorageVolumeConfig = z.infer<typeof kasmStorageVolumeConfigSchema>;

function put(o: Record<string, string>, k: string, v: string) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** The kasm-user fact for a storage form: the host's, else from typed-in starts, else null. */
export function storageKasmUser(form: Pick<StorageMappingForm, 'subuidStart' | 'subgidStart'>, host: KasmUserFact | null = null): KasmUserFact | null {
  return host ?? kasmUserFromStarts(form, 'the sysbox subuid/subgid start typed in');
}

/** A storage provider's Volume Config (JSON) for the rclone volume plugin, with Sysbox-adjusted uid/gid. */
export function buildStorageMapping(form: StorageMappingForm, host: KasmUserFact | null = null): GeneratorOutput<KasmStorageVolumeConfig> {
  const warnings: GeneratorWarning[] = [];
  const ku = storageKasmUser(form, host);
  const ids = resolveMappingIds(form, ku, String);
  if (ids.uid === null || ids.gid === null) throw new Error(`storage mapping ${ids.missing.join(' and ')} unknown`);
  const p = STORAGE_PROVIDERS[form.provider];
  const type = form.provider === 'custom' ? form.customType : p.rcloneType;
  const opts: Record<string, string> = {};
  if (!type) {
    warnings.push({ id: 'custom.type', severity: 'error', message: 'Custom provider: enter the rclone backend type (e.g. sftp, b2, swift).' });
  }
  put(opts, 'type', type || 'REPLACE_WITH_RCLONE_TYPE');
  switch (form.provider) {
    case 's3':
      put(opts, 's3-provider', form.s3Provider);
      put(opts, 's3-env-auth', String(form.s3EnvAuth));
      put(opts, 's3-region', form.s3Region);
      if (form.s3Endpoint) put(opts, 's3-endpoint', form.s3Endpoint);
      warnings.push({
        id: 'secrets.kasm',
        severity: 'info',
        message: 'No keys go here: each user enters the S3 access key and secret when adding this storage mapping, and Kasm passes them to rclone.',
      });
      break;
    case 'nextcloud':
      // Kasm injects webdav-url, webdav-user and webdav-pass from the Nextcloud provider's own fields and each user's mapping
      // (Kasm's Storage Mappings guide, https://kasmweb.com/docs/latest/guide/storage_mappings.html): not in driver_opts.
      put(opts, 'webdav-vendor', 'nextcloud');
      warnings.push({
        id: 'secrets.kasm',
        severity: 'info',
        message: 'No webdav-url here: Kasm injects the WebDAV URL from the Nextcloud provider’s own URL field, and the user name and app password each user enters.',
      });
      break;
    case 'azure-blob':
      put(opts, 'azureblob-account', form.azureAccount || 'REPLACE_WITH_ACCOUNT_NAME');
      put(opts, 'azureblob-key', SECRET_PLACEHOLDERS.azureKey);
      warnings.push({
        id: 'secrets.placeholder',
        severity: 'warning',
        message: `Replace ${SECRET_PLACEHOLDERS.azureKey} in Kasm, not here: the dashboard never takes or stores the key.`,
      });
      // rclone's azureblob remote addresses "container/path": path must name the blob container (Kasm's Azure Blob
      // example, "path": "container-name", https://kasmweb.com/docs/latest/guide/storage_providers/custom.html).
      if (!form.path)
        warnings.push({
          id: 'azure.path',
          severity: 'error',
          message: 'Azure Blob needs "path": the name of the blob container to mount (rclone azureblob has no default container).',
        });
      break;
    case 'google-drive':
    case 'dropbox':
    case 'onedrive':
      warnings.push({ id: 'secrets.oauth', severity: 'info', message: `Kasm adds the ${p.label} OAuth token when a user connects the storage; the provider needs its OAuth client id and secret set in Kasm.` });
      break;
    case 'custom':
      break;
  }
  if (form.path) put(opts, 'path', form.path);
  else if (form.provider === 'azure-blob') put(opts, 'path', 'REPLACE_WITH_BLOB_CONTAINER_NAME');
  put(opts, 'uid', ids.uid);
  put(opts, 'gid', ids.gid);
  put(opts, 'allow_other', String(form.allowOther));
  if (form.vfsCacheMode) put(opts, 'vfs-cache-mode', form.vfsCacheMode);

  // rclone mounts are FUSE: Sysbox never ID-maps them (FUSE_SUPER_MAGIC is on sysbox-libs idMap's idMapMountFsBlackList), so kasm-user's host ids are the only right ones.
  if (ku && ku.uid !== null && ku.gid !== null) {
    warnings.push({ id: 'ids.explained', severity: 'info', message: `rclone storage is a FUSE mount, which Sysbox does not ID-shift. ${ku.explanation}` });
    if (ids.uid !== String(ku.uid) || ids.gid !== String(ku.gid))
      warnings.push({
        id: 'ids.mismatch',
        severity: 'warning',
        message: `uid/gid "${ids.uid}"/"${ids.gid}" differ from "${ku.uid}"/"${ku.gid}": under Sysbox kasm-user will see the files as nobody.`,
      });
  } else {
    warnings.push({
      id: 'ids.unknown',
      severity: 'info',
      message: ku
        ? `rclone storage is a FUSE mount, which Sysbox does not ID-shift. ${ku.explanation}`
        : "Under Sysbox, uid/gid must be kasm-user's host ids (FUSE mounts are not ID-shifted); pick the host or type the sysbox subuid/subgid start.",
    });
  }
  if (!form.allowOther)
    warnings.push({ id: 'allow-other', severity: 'warning', message: 'Without allow_other only the plugin\'s own user can see the mount; kasm-user cannot.' });
  warnings.push({
    id: 'sysbox.not-shared',
    severity: 'warning',
    message: 'Do not attach this storage provider to non-Sysbox Workspaces too: they see different owners.',
  });
  return toOutput({ driver: 'rclone', driver_opts: opts }, warnings);
}
