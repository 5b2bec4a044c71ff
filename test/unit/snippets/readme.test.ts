// docs/stacks.md's stacks table and worked examples are generated (scripts/readme-stacks.ts), so
// they show what the code really renders; this fails when they drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../src/core/fix/stacks/index';
import { DOC, stacksSection } from '../../../scripts/readme-stacks';

const readme = readFileSync(DOC, 'utf8');

describe('docs/stacks.md: fixes for your stack', () => {
  it('holds the generated stacks table and worked examples (npx tsx scripts/readme-stacks.ts --write)', () => {
    expect(readme).toContain(stacksSection());
  });

  it('has one table row per stack and one worked example per kind of cure', () => {
    const section = stacksSection();
    for (const s of STACKS) expect(section).toContain(`| ${s.label} |`);
    expect(section.match(/^### /gm)).toHaveLength(4);
    for (const words of ['HTTP ok status', "must not be the wildcard '*'", 'contains multiple values', '(redirected from']) expect(section).toContain(words);
  });
});
