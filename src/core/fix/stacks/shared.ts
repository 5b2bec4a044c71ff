// Small helpers the stack snippets share.
import type { Problem, SnippetSpec } from '../plan';

/** Line-comment marker of the snippet's language. */
export type Mark = '//' | '#';

/**
 * Every snippet is an edit to a server that already exists, so it opens by naming the file it goes
 * in and what it replaces: `// In src/main.ts: replace …`. Tests read this line (OPENING).
 */
export function opening(mark: Mark, file: string, replaces: string): string {
  return `${mark} In ${file}: ${replaces}`;
}

/** What the opening line looks like; group 2 is the file. */
export const OPENING = /^(?:<\?php )?(\/\/|#) In (\S+): \S/;

/** The opening line plus the reminder of the specific problem, if any. */
export function intro(mark: Mark, spec: SnippetSpec, file: string, replaces: string): string[] {
  const note = problemNote(spec.problem);
  return [opening(mark, file, replaces), ...(note ? [`${mark} ${note}`] : [])];
}

/** A comment body marking a value the user must fill in (an upstream address, a class name). */
export function placeholder(what: string): string {
  return `PLACEHOLDER: ${what}`;
}

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
      return "Vary: Origin keeps caches from serving one origin's answer to another.";
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

export const NO_SAFE_ORIGIN = 'No safe CORS setting exists for a credentialed request from an opaque ("null") origin; serve the page from a real origin.';

/** A quoted string literal safe in JS/Java/C#/Go/Python/Ruby source (origins are printable ASCII). */
export function q(s: string): string {
  return JSON.stringify(s);
}

/** A single-quoted literal for PHP and JS sources that prefer single quotes. */
export function sq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The first path segment when the URL has more below it ('/api/me' → '/api'), else '' (the site
 * root): stacks configure CORS per path prefix, and the request's own prefix is the honest scope.
 */
export function pathScope(path: string): string {
  const m = /^\/([^/?#]+)\/[^?#]/.exec(path);
  return m ? `/${m[1]}` : '';
}

/** A stack's own advice for the spec's problem, as comment lines (none when it has nothing to add). */
export function advice(mark: Mark, problem: Problem, table: Partial<Record<Problem, string | readonly string[]>>): string[] {
  const text = table[problem];
  if (text === undefined) return [];
  return (typeof text === 'string' ? [text] : text).map((t) => `${mark} ${t}`);
}
