// A server step's label, in a file apart from the merging (./server.ts), so a page that shows the
// worker's merged fixes as header lines loads only this.
import type { FixStep } from '../types';

const STEP_LABEL: Record<FixStep['stage'], string> = {
  preflight: 'On every OPTIONS preflight response',
  response: 'On every other response (2xx, 4xx and 5xx alike)',
  redirect: 'Instead of redirecting a credentialed API call to a login page or another origin',
};

/** Where a server step's lines go, and what else it changes, in words (ends without a colon). */
export function serverStepLabel(step: FixStep): string {
  const parts: string[] = [];
  if (step.status)
    parts.push(
      step.stage === 'preflight'
        ? `answer ${step.status.to} before authentication (seen: ${step.status.from})`
        : `answer ${step.status.to} instead of ${step.status.from}`,
    );
  if (step.remove?.length) parts.push(`stop sending ${step.remove.join(', ')}`);
  return `${STEP_LABEL[step.stage]}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}
