// Findings recorded from the worker's end-to-end run (scripts/record-findings.ts), never invented.
// Tests that need hostile or secret values derive them from a recorded finding and say so.
import { readFileSync } from 'node:fs';
import type { TabFinding, TabSnapshot } from '../../../src/messages';

// JSON.parse, not a JSON import: a header byte that is not UTF-8 is kept as a lone surrogate
// (src/core/bytes.ts), which JSON.parse accepts and Vite's JSON loader refuses.
const recorded: unknown = JSON.parse(readFileSync('test/fixtures/tab-findings.json', 'utf8'));

export const snapshot = recorded as TabSnapshot & { note: string };
export const tabId = snapshot.tabId;

/** A fresh deep copy each time, so tests can edit freely. */
export const findings = (): TabFinding[] => structuredClone(snapshot.findings);

export function byRule(rule: string, stage?: string): TabFinding {
  const f = findings().find((x) => x.rule === rule && (!stage || x.stage === stage));
  if (!f) throw new Error(`no recorded finding for ${rule} ${stage ?? ''}`);
  return f;
}
