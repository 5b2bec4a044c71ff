// explain() on what people really paste: console lines of every era taken from public threads
// (test/fixtures/pasted-lines.json, each with its thread's URL), as pasted and with the damage a
// paste suffers. An answer may name only rules the words can mean (never a wrong one); a line
// that names no rule stays unknown.
import { describe, expect, test } from 'vitest';
import { explain, type ExplainedError } from '../../src/core/explain';
import { DAMAGES, PASTED, type PastedLine } from './pasted-lines';

const ids = (e: ExplainedError): string[] => e.rules.map((r) => r.id);
const named = PASTED.filter((l) => l.errors.length > 0);
const label = (l: PastedLine): string => `${l.source} (${l.engine}, ${l.era})`;

describe('the collection', () => {
  test('holds 70+ lines with a rule, of every engine and era, each from a thread one can open', () => {
    expect(named.length).toBeGreaterThanOrEqual(70);
    for (const engine of ['chromium', 'firefox', 'webkit'])
      for (const era of ['current', 'old'])
        expect(
          named.some((l) => l.engine === engine && l.era === era),
          `${engine} ${era}`,
        ).toBe(true);
    for (const l of PASTED) expect(l.source).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull)\/\d+$/);
  });
});

describe.each(PASTED.map((l) => [label(l), l] as const))('%s', (_n, line) => {
  test(line.errors.length === 0 ? 'names no rule: its words name none' : 'each error names only rules its words can mean, each with a cure', () => {
    const x = explain(line.text);
    if (line.errors.length === 0) {
      expect(x).toEqual({ known: false, errors: [] });
      return;
    }
    expect(x.errors.map(ids)).toHaveLength(line.errors.length);
    x.errors.forEach((e, i) => {
      expect(ids(e).length).toBeGreaterThan(0);
      for (const id of ids(e)) expect(line.errors[i]).toContain(id);
      for (const r of e.rules) expect([r.id, r.steps.length > 0]).toEqual([r.id, true]);
      // An older wording is said to be one, and only older lines have one.
      if (e.era !== undefined) expect(line.era).toBe('old');
    });
    expect(x.errors[0]!.engine).toBe(line.engine);
  });
});

describe.each(Object.entries(DAMAGES))('damaged: %s', (_d, damage) => {
  test.each(named.map((l) => [label(l), l] as const))('%s', (_n, line) => {
    const x = explain(damage(line.text));
    const allowed = new Set(line.errors.flat());
    expect(x.known).toBe(true);
    for (const e of x.errors) {
      expect(ids(e).length).toBeGreaterThan(0);
      for (const id of ids(e)) expect(allowed).toContain(id);
    }
  });
});

test('several lines of different threads in one paste: each error explained, in order', () => {
  const lines = named.filter((l) => l.errors.length === 1).slice(0, 12);
  const x = explain(lines.map((l) => l.text).join('\n'));
  expect(x.errors.length).toBeGreaterThanOrEqual(lines.length - 1);
  const allowed = new Set(lines.flatMap((l) => l.errors.flat()));
  for (const e of x.errors) for (const id of ids(e)) expect(allowed).toContain(id);
  // Joined on one line, as a chat client does.
  const joined = explain(lines.map((l) => l.text.replace(/\n/g, ' ')).join(' '));
  for (const e of joined.errors) for (const id of ids(e)) expect(allowed).toContain(id);
  expect(joined.errors.length).toBeGreaterThanOrEqual(lines.length - 2);
});
