import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureTable } from '../../scripts/readme-table';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('lists every rule, as generated from the rules (npx tsx scripts/readme-table.ts)', () => {
    expect(readme).toContain(failureTable());
  });

  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
