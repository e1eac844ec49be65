import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_TABLE_END, CORPUS_TABLE_START, countCorpusFindings, renderCorpusTable } from './corpus';

const root = path.resolve(__dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus/kasm-registry-workspaces.jsonl');
const readme = path.join(root, 'README.md');
const present = fs.existsSync(corpus);

describe('the README’s corpus table (194 real Kasm workspace definitions)', () => {
  it.skipIf(!present)('lints every record without a crash, and the README table is what the linters say today', () => {
    const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBe(194);
    const counts = countCorpusFindings(lines);
    expect(counts.records).toBe(194);
    const table = renderCorpusTable(counts);
    const text = fs.readFileSync(readme, 'utf8');
    const start = text.indexOf(CORPUS_TABLE_START);
    const end = text.indexOf(CORPUS_TABLE_END);
    expect(start, 'README has the corpus table markers').toBeGreaterThanOrEqual(0);
    const block = `${CORPUS_TABLE_START}\n${table}\n${CORPUS_TABLE_END}`;
    const current = text.slice(start, end + CORPUS_TABLE_END.length);
    if (current !== block && process.env.KSD_WRITE_CORPUS_TABLE === '1') {
      fs.writeFileSync(readme, text.slice(0, start) + block + text.slice(end + CORPUS_TABLE_END.length));
      return;
    }
    expect(current, 'README corpus table is stale: run KSD_WRITE_CORPUS_TABLE=1 npx vitest run --project unit lib/kasm/corpus.test.ts').toBe(block);
  });
});
