// Turns a rule's FixPlan, completed into every step (fix/steps.ts), into the public Fix: plain
// data (steps, notes, spec). Snippets are rendered from the spec where they are shown.
import type { Fix, FixStep } from '../types';
import type { FixPlan } from './plan';
import { stepOf } from './steps';

export function buildFix(plan: FixPlan, steps: FixStep[] = [stepOf(plan)], notes: string[] = plan.notes): Fix {
  return { steps: steps.length > 0 ? steps : [stepOf(plan)], notes, spec: plan.spec };
}
