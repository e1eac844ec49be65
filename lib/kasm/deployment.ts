import { z } from 'zod';

/**
 * What Kasm's read-only Developer API answers (Kasm 1.15: POST
 * /api/public/get_images, get_groups, get_settings_group, get_storage_providers;
 * Kasm's Developer API guide, https://kasmweb.com/docs/latest/developers/developer_api.html),
 * parsed leniently: every object keeps the fields we do not
 * know (`.loose()`), since they vary by Kasm version, and the JSON settings
 * fields are accepted both as objects (1.15 on read) and as JSON-encoded
 * strings (what Kasm's write side takes, and what older versions return).
 *
 * Pure: shared by the server client (lib/server/kasm/) and the audit.
 */

/**
 * A JSON setting as Kasm returns it: an object, or a JSON string. Strings that
 * parse become the parsed value; a string that does not parse stays a string,
 * so the audit's linter can say where it breaks. null/''/absent → null.
 */
export const kasmJsonFieldSchema = z
  .unknown()
  .optional()
  .transform((v): unknown => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return null;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  });

const text = z.string().max(65_536);
const optText = z.string().max(65_536).nullable().optional();
/** Kasm answers some numbers as strings ("priority": "100"); be lenient. */
const lenientNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

export const kasmImageSchema = z
  .object({
    image_id: text,
    name: text,
    friendly_name: optText,
    enabled: z.boolean().nullable().optional(),
    require_gpu: z.boolean().nullable().optional(),
    gpu_count: lenientNumber.nullable().optional(),
    persistent_profile_path: optText,
    run_config: kasmJsonFieldSchema,
    exec_config: kasmJsonFieldSchema,
    volume_mappings: kasmJsonFieldSchema,
  })
  .loose();
export type KasmImage = z.infer<typeof kasmImageSchema>;

export const kasmGroupSchema = z
  .object({
    group_id: text,
    name: text,
    priority: lenientNumber.nullable().optional(),
    is_system: z.boolean().nullable().optional(),
  })
  .loose();
export type KasmGroup = z.infer<typeof kasmGroupSchema>;

export const kasmGroupSettingSchema = z
  .object({
    name: text,
    /** Always a string in Kasm's answer; JSON settings hold JSON text. */
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    value_type: optText,
    group_id: optText,
  })
  .loose();
export type KasmGroupSetting = z.infer<typeof kasmGroupSettingSchema>;

export const kasmStorageProviderSchema = z
  .object({
    storage_provider_id: optText,
    name: text,
    storage_provider_type: optText,
    enabled: z.boolean().nullable().optional(),
    volume_config: kasmJsonFieldSchema,
    mount_config: kasmJsonFieldSchema,
  })
  .loose();
export type KasmStorageProvider = z.infer<typeof kasmStorageProviderSchema>;

export const getImagesAnswerSchema = z.object({ images: z.array(kasmImageSchema) }).loose();
export const getGroupsAnswerSchema = z.object({ groups: z.array(kasmGroupSchema) }).loose();
export const getSettingsGroupAnswerSchema = z.object({ settings: z.array(kasmGroupSettingSchema) }).loose();
export const getStorageProvidersAnswerSchema = z.object({ storage_providers: z.array(kasmStorageProviderSchema) }).loose();

/** Everything the audit reads from one Kasm deployment. */
export interface KasmDeployment {
  fetchedAt: string;
  images: KasmImage[];
  groups: { group: KasmGroup; settings: KasmGroupSetting[] }[];
  storageProviders: KasmStorageProvider[];
}
