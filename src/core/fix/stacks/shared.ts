// Small helpers the stack snippets share.
import type { CookieSpec, FixSpec, Problem, SnippetSpec } from '../plan';
import { cleanSpec, COOKIE_NAME_PLACEHOLDER } from './clean';
import { PLACEHOLDER_ORIGIN } from '../plan';

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

export { PLACEHOLDER_ORIGIN };

/** The origins a snippet lists: the spec's own, or the placeholder. */
export function originsOf(spec: SnippetSpec): string[] {
  return spec.origins.length > 0 ? spec.origins : [PLACEHOLDER_ORIGIN];
}

/** Does the spec name this problem? */
export function has(spec: SnippetSpec, problem: Problem): boolean {
  return spec.problems.includes(problem);
}

/**
 * The opening line, the reminder of each problem, and, when no origin could be named, the one
 * line that says so (the value seen is never repeated: it may be anything).
 */
export function intro(mark: Mark, spec: SnippetSpec, file: string, replaces: string): string[] {
  const notes = [...new Set(spec.problems.map(problemNote).filter((n): n is string => n !== undefined))];
  return [opening(mark, file, replaces), ...notes.map((n) => `${mark} ${n}`), ...(spec.origins.length === 0 ? [`${mark} ${NO_ORIGIN}`] : [])];
}

export const NO_ORIGIN = `${placeholder(`${PLACEHOLDER_ORIGIN} stands for your page's origin`)}: the origin seen is opaque ("null") or not a serialized origin, so it is not written here; serve the page from a real origin and put it in place of ${PLACEHOLDER_ORIGIN}.`;

/** Said where the request is known to send no credentials and the snippet replaces a whole setting. */
export const KEEP_CREDENTIALS =
  'The requests seen send no credentials: if your existing setting turns credentials on (other requests send cookies or Authorization), turn them on here too.';

/**
 * Each stack file's render(spec): values cleaned once (clean.ts), then the kind's own renderer.
 * A cookie whose name could not be written gets one line saying so, in the stack's comment mark.
 */
export function renderer(mark: Mark, cors: (spec: SnippetSpec) => string, cookie: (spec: CookieSpec) => string): (spec: FixSpec) => string {
  return (spec) => {
    const safe = cleanSpec(spec);
    if (safe.kind === 'cors') return cors(safe);
    if (safe.name === '') return '';
    const renamed = safe.name === COOKIE_NAME_PLACEHOLDER && spec.kind === 'cookie' && spec.name !== safe.name;
    return [
      ...(renamed ? [`${mark} ${placeholder(`${COOKIE_NAME_PLACEHOLDER}: the cookie's name is not an HTTP token, so it is not written here`)}`] : []),
      cookie(safe),
    ].join('\n');
  };
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

/**
 * A double-quoted string literal for JS/TS, Java, C#, Go and Python: JSON's escapes (\" \\ \n
 * \uXXXX) mean the same in all five. Never for Ruby or PHP, where "#{…}" / "$x" interpolate.
 */
export function q(s: string): string {
  return JSON.stringify(s);
}

/** A JS/TS or Python list literal of double-quoted strings: ["a", "b"]. */
export function list(xs: readonly string[]): string {
  return `[${xs.map(q).join(', ')}]`;
}

/** A Ruby or PHP array literal of single-quoted strings: ['a', 'b']. */
export function sqList(xs: readonly string[]): string {
  return `[${xs.map(sq).join(', ')}]`;
}

/** A single-quoted literal for Ruby and PHP (only \' and \\ are escapes there) and JS. */
export function sq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A double-quoted string for nginx, Apache and Caddy config files (\" and \\ escaped). */
export function cq(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * The first path segment when the URL has more below it ('/api/me' → '/api'), else '' (the site
 * root): stacks configure CORS per path prefix, and the request's own prefix is the honest scope.
 * Only a plain segment (letters, digits, . _ ~ -) is written; anything else scopes the site root.
 */
export function pathScope(path: string): string {
  const m = /^\/([A-Za-z0-9._~-]+)\/[^?#]/.exec(path);
  return m && m[1] !== '.' && m[1] !== '..' ? `/${m[1]}` : '';
}

/** The scope that covers every path of the spec: their common first segment, else the root. */
export function scopeOf(spec: SnippetSpec): string {
  const scopes = new Set(spec.paths.map(pathScope));
  return scopes.size === 1 ? [...scopes][0]! : '';
}

/** A stack's own advice for the spec's problems, as comment lines (none when it has nothing to add). */
export function advice(mark: Mark, spec: SnippetSpec, table: Partial<Record<Problem, string | readonly string[]>>): string[] {
  return spec.problems.flatMap((problem) => {
    const text = table[problem];
    if (text === undefined) return [];
    return (typeof text === 'string' ? [text] : text).map((t) => `${mark} ${t}`);
  });
}

/** The Set-Cookie attributes after name=value, as setCookieLine (cookies/fix.ts) writes them. */
export function cookieAttributes(k: CookieSpec): string {
  return [
    ...(k.domain ? [`Domain=${k.domain}`] : []),
    `Path=${k.path}`,
    'Secure',
    'HttpOnly',
    `SameSite=${k.sameSite}`,
    ...(k.partitioned ? ['Partitioned'] : []),
  ].join('; ');
}

/** A JS/TS cookie options object: { path, secure, httpOnly, sameSite[, partitioned] }. */
export function jsCookieOptions(k: CookieSpec, sameSite = k.sameSite.toLowerCase()): string {
  return `{ path: ${sq(k.path)}, secure: true, httpOnly: true, sameSite: ${sq(sameSite)}${k.partitioned ? ', partitioned: true' : ''} }`;
}
