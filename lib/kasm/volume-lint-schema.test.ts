import { describe, expect, it } from 'vitest';
import { lintVolumeMappings } from './lint';
import { buildVolumeMapping, kasmVolumeMappingEntrySchema, volumeMappingFormSchema } from './volume-mapping';

const SHAPE_FINDING = /^(missing|type|unknown)\./;
const shapeFindings = (entry: unknown) => lintVolumeMappings(JSON.stringify({ '/srv/x': entry })).filter((f) => SHAPE_FINDING.test(f.id));

describe('the volume-mapping lint judges an entry by the generator’s entry schema', () => {
  it('what the generator writes passes the lint’s shape rules', () => {
    for (const input of [{ uid: 232072, gid: 232072 }, { uid: 1000, gid: 1000, mode: 'ro', timeout: 30, skipCheck: true }]) {
      const out = buildVolumeMapping(volumeMappingFormSchema.parse(input));
      expect(lintVolumeMappings(out.text).filter((f) => SHAPE_FINDING.test(f.id))).toEqual([]);
    }
  });

  it('an entry is refused by the lint exactly when the schema refuses it', () => {
    const values: unknown[] = [null, true, 0, -1, 1.5, 1000, '1000', 'rw', 'ro', '/x', 'x', [], {}];
    for (const key of Object.keys(kasmVolumeMappingEntrySchema.shape))
      for (const v of [undefined, ...values]) {
        const entry: Record<string, unknown> = { bind: '/b', mode: 'rw', uid: 1000, gid: 1000 };
        if (v === undefined) delete entry[key];
        else entry[key] = v;
        const accepted = kasmVolumeMappingEntrySchema.safeParse(entry).success;
        expect(shapeFindings(entry).length === 0, `${key}: ${JSON.stringify(v)}`).toBe(accepted);
      }
    expect(shapeFindings({ bind: '/b', mode: 'rw', uid: 1, gid: 1, color: 'red' }).map((f) => f.id)).toEqual(['unknown.color']);
  });
});
