/**
 * JSON parsing that says where things are: a strict JSON parser (RFC 8259, no
 * comments, no trailing commas) that reports the line and column of the first
 * error and records where every value starts, keyed by its path, so linters
 * can point at the offending line.
 */

export interface Position {
  line: number;
  column: number;
}

export type JsonPath = (string | number)[];

/**
 * A member name repeated in one object. JSON.parse (and Go's encoding/json in
 * dockerd, and Python's json in Kasm) keep the last value without a word, so
 * the earlier one is silently lost. Positions are those of the later key.
 */
export interface DuplicateKey {
  /** Path of the object holding the key. */
  path: JsonPath;
  key: string;
  line: number;
  column: number;
  /** Where the earlier (lost) occurrence is. */
  first: Position;
}

export type ParsedJson =
  | { ok: true; value: unknown; positionOf: (path: JsonPath) => Position | undefined; duplicates: DuplicateKey[] }
  | { ok: false; message: string; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of input';
  return `"${ch}"`;
}

export const MAX_JSON_DEPTH = 64;

/*
 * Why not a library parser (e.g. @humanwhocodes/momoa, issue #11 suggests it):
 * this parser already records every value's position and its error shape
 * (message, line, column) is what the lint UI and tests rely on; duplicate
 * members were the one missing fact and cost a few lines (`seen` below), so
 * no dependency was added for them.
 */
export function parseJson(text: string): ParsedJson {
  const positions = new Map<string, number>();
  const dups: { path: JsonPath; key: string; at: number; first: number }[] = [];
  let i = 0;

  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const fail = (msg: string, at = i): never => {
    throw new JsonSyntaxError(msg, at);
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string', start);
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`Invalid escape ${describe(e)} in string`, i + 1);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail(c === '\n' ? 'Unterminated string (line break inside a string)' : 'Control character inside a string');
      out += c;
      i++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail(`Unexpected ${describe(text[i])}`);
    const s = m ? m[0] : '';
    i += s.length;
    return Number(s);
  };

  const parseValue = (path: JsonPath): unknown => {
    ws();
    // Kasm settings are a few levels deep; refuse pathological nesting before it exhausts the stack.
    if (path.length > MAX_JSON_DEPTH) fail(`Nested deeper than ${MAX_JSON_DEPTH} levels`);
    positions.set(pathKey(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Map<string, number>();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'Trailing comma before "}"' : `Expected a property name in double quotes, found ${describe(text[i])}`);
        const keyAt = i;
        const key = parseString();
        const earlier = seen.get(key);
        if (earlier !== undefined) dups.push({ path, key, at: keyAt, first: earlier });
        seen.set(key, keyAt);
        positions.set(pathKey([...path, key]), keyAt);
        ws();
        if (text[i] !== ':') fail(`Expected ":" after property name, found ${describe(text[i])}`);
        i++;
        const v = parseValue([...path, key]);
        positions.set(pathKey([...path, key]), keyAt);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`Expected "," or "}" after property value, found ${describe(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue([...path, arr.length]));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('Trailing comma before "]"');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`Expected "," or "]" after array element, found ${describe(text[i])}`);
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    if (c === "'") return fail('Strings must use double quotes, not single quotes');
    return fail(`Unexpected ${describe(c)}`);
  };

  try {
    const value = parseValue([]);
    ws();
    if (i < text.length) fail(`Unexpected ${describe(text[i])} after the end of the JSON value`);
    return {
      ok: true,
      value,
      duplicates: dups.map((d) => ({ path: d.path, key: d.key, ...positionAt(text, d.at), first: positionAt(text, d.first) })),
      positionOf: (path) => {
        const at = positions.get(pathKey(path));
        return at === undefined ? undefined : positionAt(text, at);
      },
    };
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      const pos = positionAt(text, err.offset);
      return { ok: false, message: err.message, ...pos };
    }
    throw err;
  }
}

/** What `parseJsonValue` answers: the value, or what breaks and where (null only if `parseJson` accepts what JSON.parse refused). */
export type JsonValue =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number | null; column: number | null };

/**
 * The value as JSON.parse reads it (the platform's speed, no depth limit: for
 * request bodies and /etc/docker/daemon.json, which dockerd reads with Go's
 * encoding/json), and, when it refuses the text, the message, line and column
 * from `parseJson` above: the one place a JSON error gets its position (no
 * parsing of the engine's error wording, which differs between V8 versions).
 */
export function parseJsonValue(text: string): JsonValue {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const strict = parseJson(text);
    if (!strict.ok) return { ok: false, message: strict.message, line: strict.line, column: strict.column };
    // Both follow RFC 8259, so this is not expected; keep JSON.parse's own words, without a position.
    return { ok: false, message: err instanceof Error ? (err.message.split('\n')[0] ?? 'invalid JSON') : 'invalid JSON', line: null, column: null };
  }
}

/** A JSON text `parseJsonOrThrow` refused; the message ends with where. */
export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(line === null ? reason : `${reason} (line ${line}, column ${column})`);
    this.name = 'JsonTextError';
  }
}

/** `parseJsonValue` for callers that read a file inside a try: throws JsonTextError. */
export function parseJsonOrThrow(text: string): unknown {
  const r = parseJsonValue(text);
  if (!r.ok) throw new JsonTextError(r.message, r.line, r.column);
  return r.value;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "a.b" / "[0]" style name of a key inside the object at `path` (for messages). */
export function describeKeyPath(path: JsonPath, key: string): string {
  const parts = [...path, key].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`));
  return parts.join('');
}
