// Turns a rule's FixPlan into the public Fix (with every stack's snippet).
import type { Fix } from '../types';
import type { FixPlan } from './plan';
import { snippets } from './stacks/index';

export function buildFix(plan: FixPlan): Fix {
  const fix: Fix = { stage: plan.stage, hop: plan.hop, headers: plan.headers, notes: plan.notes, snippets: snippets(plan.spec) };
  if (plan.remove !== undefined && plan.remove.length > 0) fix.remove = plan.remove;
  if (plan.status !== undefined) fix.status = plan.status;
  return fix;
}
