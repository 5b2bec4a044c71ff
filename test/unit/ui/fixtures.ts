// Findings recorded from the worker's end-to-end run (scripts/record-findings.ts), never invented.
// Tests that need hostile or secret values derive them from a recorded finding and say so.
import recorded from '../../fixtures/tab-findings.json' with { type: 'json' };
import type { TabFinding, TabSnapshot } from '../../../src/messages';

export const snapshot = recorded as unknown as TabSnapshot & { note: string };
export const tabId = snapshot.tabId;

/** A fresh deep copy each time, so tests can edit freely. */
export const findings = (): TabFinding[] => structuredClone(snapshot.findings);

export function byRule(rule: string, stage?: string): TabFinding {
  const f = findings().find((x) => x.rule === rule && (!stage || x.stage === stage));
  if (!f) throw new Error(`no recorded finding for ${rule} ${stage ?? ''}`);
  return f;
}
