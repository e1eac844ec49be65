'use client';

import { CORE_IMAGES, DEFAULT_RELEASE, FAMILIES, FAMILY_IDS, coreImageRef, findCoreImage, guessFamily, type Family } from '@/lib/kasm/images';
import { SelectField, TextField } from './fields';

const CUSTOM = 'custom';

/** The 13 Sysbox-ready core images, or a custom image with its distro family. */
export function ImagePicker({ image, family, onChange }: { image: string; family: Family | undefined; onChange: (v: { image: string; family: Family | undefined }) => void }) {
  const core = findCoreImage(image);
  const release = /:([\w.-]+)$/.exec(image)?.[1] ?? DEFAULT_RELEASE;
  const options = [...CORE_IMAGES.map((c) => ({ value: c.distro, label: `${c.label} — kasmweb/core-${c.distro}` })), { value: CUSTOM, label: 'Custom image…' }];
  return (
    <div className="space-y-3">
      <SelectField
        label="Image"
        value={core ? core.distro : CUSTOM}
        options={options}
        onChange={(v) => {
          if (v === CUSTOM) onChange({ image: core ? 'registry.example.com/my-workspace:1.0' : image, family: family ?? 'debian' });
          else onChange({ image: coreImageRef(v, release), family: undefined });
        }}
        hint="Sysbox-ready Kasm core images boot systemd at /sbin/init."
      />
      {core ? (
        <TextField label="Release tag" value={release} mono onChange={(v) => onChange({ image: coreImageRef(core.distro, v.trim() || DEFAULT_RELEASE), family: undefined })} />
      ) : (
        <>
          <TextField label="Custom image" value={image} mono onChange={(v) => onChange({ image: v, family: family ?? guessFamily(v) ?? 'debian' })} />
          <SelectField
            label="Distro family"
            value={family ?? guessFamily(image) ?? 'debian'}
            options={FAMILY_IDS.map((f) => ({ value: f, label: FAMILIES[f].label }))}
            onChange={(v) => onChange({ image, family: v })}
          />
        </>
      )}
    </div>
  );
}
