// docs/stacks.md's stacks table and worked examples are generated (test/servers/stacks-doc.ts), so
// they show what the code really renders and which stacks a real-server suite proves; this fails
// when they drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../src/core/fix/stacks/index';
import { DOC, NOT_RUNNABLE, proofOf, serverSuite, stacksSection } from '../../servers/stacks-doc';

const doc = readFileSync(DOC, 'utf8');

describe('docs/stacks.md: fixes for your stack', () => {
  it('holds the generated stacks table and worked examples (npx tsx test/servers/stacks-doc.ts --write)', () => {
    expect(doc).toContain(stacksSection());
  });

  it('has one table row per stack and one worked example per kind of cure', () => {
    const section = stacksSection();
    for (const s of STACKS) expect(section).toContain(`| ${s.label} |`);
    expect(section.match(/^### /gm)).toHaveLength(4);
    for (const words of ['HTTP ok status', "must not be the wildcard '*'", 'contains multiple values', '(redirected from']) expect(section).toContain(words);
  });

  it('marks a stack proven only when a real-server suite runs its cases, and says why the others cannot run', () => {
    for (const { id } of STACKS) {
      const suite = serverSuite(id);
      if (suite) {
        expect(readFileSync(suite.file, 'utf8'), `${id}: ${suite.file}`).toMatch(new RegExp(`'${id}'`));
        expect(proofOf(id)).toMatch(/^proven on a real server \(\d+ cases/);
      } else {
        // Only the stacks whose packages no reachable registry carries may go unproven.
        expect(Object.keys(NOT_RUNNABLE), `${id} has no real-server suite`).toContain(id);
        expect(proofOf(id)).toMatch(/^syntax-checked only \(cannot run here: /);
      }
    }
  });
});
