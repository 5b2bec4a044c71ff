// Small helpers the stack snippets share.
import type { Problem, SnippetSpec } from '../plan';

/** A one-line reminder of the specific problem, as a comment body (no comment marker). */
export function problemNote(problem: Problem): string | undefined {
  switch (problem) {
    case 'preflight-status':
      return 'CORS must answer OPTIONS before authentication and routing (a preflight carries no cookies).';
    case 'preflight-redirect':
      return 'Answer OPTIONS at this URL; no http→https, trailing-slash or login redirect for OPTIONS.';
    case 'redirect-escape':
      return 'For fetch/XHR API calls, answer 401 instead of redirecting to a login page or another origin.';
    case 'duplicate-origin':
      return 'Set CORS headers in ONE layer only (here or the app/proxy, not both).';
    case 'redirect-credentials':
      return 'Never put user:password in a redirect Location.';
    case 'vary':
      return 'Vary: Origin keeps caches from serving one origin\'s answer to another.';
    default:
      return undefined;
  }
}

/** Methods to configure: the safelisted trio plus the ones the request needs, as given. */
export function methodsWith(spec: SnippetSpec, base: readonly string[] = ['GET', 'POST']): string[] {
  const out = [...base];
  for (const m of spec.methods) if (!out.includes(m) && m !== '*') out.push(m);
  return out;
}

export function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const NO_SAFE_ORIGIN =
  'No safe CORS setting exists for a credentialed request from an opaque ("null") origin; serve the page from a real origin.';

/** A quoted string literal safe in JS/Java/C#/Go/Python/Ruby source (origins are printable ASCII). */
export function q(s: string): string {
  return JSON.stringify(s);
}
