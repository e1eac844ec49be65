'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Family } from '@/lib/kasm/images';
import { isPlainObject, parseJson } from '@/lib/kasm/json';
import { TextAreaField } from './fields';
import { ImagePicker } from './image-picker';
import { usePatch, useUrlValue } from './url-form';

/** The image picker bound to the URL's image and family fields. */
export function BoundImagePicker({ image, family }: { image: string; family: Family | undefined }) {
  const [img] = useUrlValue('image', image);
  const [fam] = useUrlValue('family', family ?? '');
  const patch = usePatch();
  return <ImagePicker image={img} family={fam === '' ? undefined : (fam as Family)} onChange={(v) => patch({ image: v.image, family: v.family ?? null })} />;
}

type EnvVar = { key: string; value: string };

function envList(text: string): EnvVar[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map((e: unknown) => (isPlainObject(e) ? { key: String(e.key ?? ''), value: String(e.value ?? '') } : { key: '', value: '' })) : [];
  } catch {
    // written by this editor only; anything else shows as no variables (the server reports the field)
    return [];
  }
}

/** The run config's environment list, one JSON URL field. */
export function EnvironmentEditor({ environment }: { environment: EnvVar[] }) {
  const [text, set] = useUrlValue('environment', JSON.stringify(environment));
  const list = envList(text);
  const write = (next: EnvVar[]) => set(JSON.stringify(next));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Environment (optional)</legend>
      {list.map((e, i) => (
        <div key={i} className="flex gap-2">
          <input
            aria-label={`Variable ${i + 1} name`}
            className="w-2/5 rounded-md border border-border bg-card px-2 py-1 font-mono text-sm"
            value={e.key}
            onChange={(ev) => write(list.map((x, j) => (j === i ? { ...x, key: ev.target.value } : x)))}
          />
          <input
            aria-label={`Variable ${i + 1} value`}
            className="min-w-0 flex-1 rounded-md border border-border bg-card px-2 py-1 font-mono text-sm"
            value={e.value}
            onChange={(ev) => write(list.map((x, j) => (j === i ? { ...x, value: ev.target.value } : x)))}
          />
          <Button aria-label={`Remove variable ${i + 1}`} onClick={() => write(list.filter((_, j) => j !== i))}>
            ✕
          </Button>
        </div>
      ))}
      <Button onClick={() => write([...list, { key: '', value: '' }])}>Add variable</Button>
    </fieldset>
  );
}

/**
 * Additional docker-py keys as a JSON object. The text stays here while it is
 * not a JSON object (the syntax error is shown with line and column, from the
 * same position-keeping parser the linter uses); a valid object is written to
 * the URL and checked by the generator on the server (refused keys come back as warnings).
 */
export function ExtraKeysField({ extra }: { extra: Record<string, unknown> }) {
  const [text, setText] = useState(() => (Object.keys(extra).length ? JSON.stringify(extra, null, 2) : ''));
  const [error, setError] = useState<string | undefined>();
  const patch = usePatch();
  function onChange(next: string) {
    setText(next);
    if (next.trim() === '') {
      setError(undefined);
      patch({ extra: null });
      return;
    }
    const p = parseJson(next);
    if (!p.ok) return setError(`line ${p.line}, column ${p.column}: ${p.message}`);
    if (!isPlainObject(p.value)) return setError('must be a JSON object');
    setError(undefined);
    patch({ extra: JSON.stringify(p.value) });
  }
  return (
    <TextAreaField
      label="Extra keys (JSON object)"
      value={text}
      onChange={onChange}
      rows={5}
      error={error}
      placeholder='{"cap_add": ["NET_ADMIN"]}'
      hint="Checked before they are added: keys Kasm overrides (name, labels, image, mem_limit, detach, cpu_*) and keys that break Sysbox (privileged, host network/pid/userns mode, GPUs) are refused."
    />
  );
}
