// What "Copy fix" in header-lines form must copy, spelled out for the simple plans the UI tests
// pick: a one-response fix is its lines as-is; a plan (every step on hop 0, no status change or
// removal) puts each response's block under its name, preflight first.
import type { TabFinding } from '../../../src/messages';

const NAMES = { preflight: 'On the preflight (OPTIONS) response:', response: 'On the actual response:', redirect: 'On the redirect:' } as const;

export function planText(f: TabFinding): string {
  const steps = f.fix.steps;
  if (steps.length === 1) return steps[0]!.headers.join('\n');
  if (steps.some((s) => s.hop !== 0 || s.status || s.remove)) throw new Error(`${f.rule}: pick a finding with a simple plan`);
  return steps.map((s) => [NAMES[s.stage], ...s.headers].join('\n')).join('\n\n');
}
