// Turns a rule's FixPlan, completed into every step (fix/steps.ts), into the public Fix. Snippets
// are rendered from the spec on first read: they cost far more than the plan, and stored findings
// keep only the spec.
import type { Fix, FixStep } from '../types';
import type { FixPlan } from './plan';
import { stepOf } from './steps';
import { snippets } from './stacks/index';

export function buildFix(plan: FixPlan, steps: FixStep[] = [stepOf(plan)], notes: string[] = plan.notes): Fix {
  const first = steps[0] ?? stepOf(plan);
  const fix = { stage: first.stage, hop: first.hop, headers: first.headers, steps, notes, spec: plan.spec } as Fix;
  if (first.remove !== undefined && first.remove.length > 0) fix.remove = first.remove;
  if (first.status !== undefined) fix.status = first.status;
  let rendered: Fix['snippets'] | undefined;
  // An own enumerable accessor: JSON, structured clone and spread still see a plain value.
  return Object.defineProperty(fix, 'snippets', {
    enumerable: true,
    configurable: true,
    get: () => (rendered ??= snippets(plan.spec)),
    set: (v: Fix['snippets']) => {
      rendered = v;
    },
  });
}
