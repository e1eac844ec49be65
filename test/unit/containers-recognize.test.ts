import { describe, expect, it } from 'vitest';
import { recognizeKasm } from '@/lib/sysbox/recognize';

describe('recognizeKasm', () => {
  it('a kasm.kasmid label is a session; the user comes from the name prefix', () => {
    expect(recognizeKasm('alice_1a2b3c4d', { 'kasm.kasmid': 'k-1', 'kasm.async_destroy': 'true' })).toEqual({ kind: 'session', kasmId: 'k-1', user: 'alice' });
  });
  it('a session with an unusual name still is a session, without user', () => {
    expect(recognizeKasm('something-else', { 'kasm.kasmid': 'k-2' })).toEqual({ kind: 'session', kasmId: 'k-2' });
  });
  it('kasm_* names are Kasm services', () => {
    expect(recognizeKasm('kasm_agent', {})).toEqual({ kind: 'service' });
  });
  it('anything else is other', () => {
    expect(recognizeKasm('alice_1a2b3c4d', {})).toEqual({ kind: null });
    expect(recognizeKasm('web', { 'com.kasmweb.image': 'true' })).toEqual({ kind: null });
  });
});
