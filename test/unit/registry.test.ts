// Meta-test: every rule file is registered under its file name, owns its texts and
// fix, and has at least one case that trips it and one near-miss that must not.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { rules } from '../../src/core/validate';
import { cases, warningCases } from './rule-cases';

const dir = fileURLToPath(new URL('../../src/core/rules/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

describe('rule registry', () => {
  test('every file in src/core/rules is registered, once, under its file name', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(files);
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s has its texts, codes and fix', (_id, rule) => {
    expect(rule.summary.length).toBeGreaterThan(10);
    expect(typeof rule.reason.chromium).toBe('function');
    expect(rule.reason.chromium({ hint: 'X', initiator: 'fetch' }).length).toBeGreaterThan(20);
    expect(rule.code.preflight).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(rule.code.other).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(typeof rule.check).toBe('function');
    expect(typeof rule.explain).toBe('function');
    expect(typeof rule.fix).toBe('function');
    expect(rule.stages.length).toBeGreaterThan(0);
  });

  test.each(rules.map((r) => [r.id] as const))('%s has a positive and a negative case', (id) => {
    const all = [...cases, ...warningCases];
    const positive = all.some((c) => c.expect === id || ('warn' in c && c.warn === id));
    const negative = all.some((c) => c.against === id);
    expect({ id, positive, negative }).toEqual({ id, positive: true, negative: true });
  });

  test('errors come before warnings in the check order', () => {
    const firstWarning = rules.findIndex((r) => r.severity === 'warning');
    expect(rules.slice(firstWarning).every((r) => r.severity === 'warning')).toBe(true);
  });
});
