// Command-line parsing with Node's own util.parseArgs; every mistake is one line and exit status 2.
import { parseArgs } from 'node:util';
import { STACKS } from '../core/fix/stacks/index';
import type { Browser } from '../core/message';
import type { HeaderLine, StackId } from '../core/types';

export class UsageError extends Error {}

export const HELP = `cors-inspector: would Chromium (or, with --browser, Firefox or WebKit) let the page read this response? The extension's validator, outside the browser.

Usage
  cors-inspector check URL --origin ORIGIN [options]   send what Chromium sends, judge the answers
  cors-inspector check --config FILE [options]         many endpoints and origins, each with the verdict
                                                       it must get (docs/cli.md: the file's format)
  cors-inspector audit URL --origin ORIGIN [options]   may other origins read credentialed responses?
  cors-inspector har FILE.har [options]                re-diagnose the CORS failures in a DevTools HAR
  cors-inspector explain "CONSOLE TEXT" [options]      which rule a pasted console error is, and its cure
                                                       (Chromium, Firefox or Safari words; '-' reads stdin)

Options
  --origin ORIGIN         the page's origin, e.g. https://app.example.com (check, audit)
  --method M              request method (default GET)                                (check)
  --header 'Name: value'  a request header the page sets; repeatable (check; audit: e.g. a session Cookie)
  --credentials MODE      include (default), same-origin or omit      (check; har: overrides the HAR's evidence)
  --browser ENGINE        chromium (default), firefox or webkit: whose verdict and words   (check)
  --stack NAME            also print the fix for: ${STACKS.map((s) => s.id).join(', ')}
  --json                  print { verdict, findings } (check), the holes (audit), requests (har) or
                          { known, errors } (explain)
  --strict                warnings (e.g. a missing Vary: Origin) exit 1 too
  --timeout SECONDS       bounds the whole probe: connections, preflights, redirects (default 10;
                          audit: all its requests; --config: each check)
  --location-trusted      send credential headers (Cookie, Authorization, X-Api-Key…) on to the
                          other hosts a redirect leads to; by default only the URL's origin gets them
  --credential-header N   one more header name to treat as a credential; repeatable (check)
  --try 'Name: value'     check again with this line set on every answer, as a fix would; repeatable;
                          exit status of the tried run (check)
  --config FILE           check every case of a JSON file; exit 1 if any verdict differs (check)
  --junit FILE            also write a JUnit XML report there (check --config)
  -V, --version           the version
  -h, --help              this text

Exit status
  0  the browser would allow it (audit: no hole)   1  it would block it (audit: a hole)
  2  usage or network error (refused connection, DNS, TLS, timeout), with a one-line message
  check --config: 0 every case got its expected verdict, 1 a case did not, 2 the file is wrong or a
  case could not be checked (and none broke)
  explain: 0 a CORS sentence it knows, 1 not one it knows

Examples
  cors-inspector check https://api.example.com/me --origin https://app.example.com
  cors-inspector check https://api.example.com/items --origin https://app.example.com \\
      --method PUT --header 'Content-Type: application/json' --stack express
  cors-inspector check https://api.example.com/me --origin https://app.example.com --browser webkit
  cors-inspector audit https://api.example.com/me --origin https://app.example.com
  cors-inspector check https://api.example.com/me --origin https://app.example.com \
      --try 'Access-Control-Allow-Origin: https://app.example.com' --try 'Access-Control-Allow-Credentials: true'
  cors-inspector check --config cors-contract.json --junit cors-report.xml
  cors-inspector har ~/Downloads/app.example.com.har --json
  pbpaste | cors-inspector explain - --stack nginx
`;

export interface Parsed {
  command: 'check' | 'audit' | 'har' | 'explain' | 'help' | 'version';
  target: string;
  origin: string;
  method: string;
  headers: HeaderLine[];
  credentials: 'include' | 'same-origin' | 'omit';
  stack: StackId | undefined;
  json: boolean;
  strict: boolean;
  timeoutMs: number;
  /** --credentials was given (har: otherwise the HAR's evidence decides). */
  credentialsGiven: boolean;
  /** --browser: the engine whose checks, order and console sentence `check` uses. */
  browser: Browser;
  locationTrusted: boolean;
  credentialHeaders: string[];
  /** --try lines (check). */
  tryLines: HeaderLine[];
  /** --config FILE (check): the target is then the file. */
  config: string | undefined;
  junit: string | undefined;
  /** Which options were given, so a config file's defaults yield to them. */
  given: { origin: boolean; method: boolean; timeout: boolean; browser: boolean };
}

const OPTIONS = {
  origin: { type: 'string' },
  method: { type: 'string' },
  header: { type: 'string', multiple: true, short: 'H' },
  credentials: { type: 'string' },
  browser: { type: 'string' },
  stack: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  timeout: { type: 'string' },
  'location-trusted': { type: 'boolean' },
  'credential-header': { type: 'string', multiple: true },
  try: { type: 'string', multiple: true },
  config: { type: 'string' },
  junit: { type: 'string' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What every command starts from, before its options. */
const defaults = (): Omit<Parsed, 'command'> => ({
  target: '',
  origin: '',
  method: 'GET',
  headers: [],
  credentials: 'include',
  stack: undefined,
  json: false,
  strict: false,
  timeoutMs: 10_000,
  credentialsGiven: false,
  browser: 'chromium',
  locationTrusted: false,
  credentialHeaders: [],
  tryLines: [],
  config: undefined,
  junit: undefined,
  given: { origin: false, method: false, timeout: false, browser: false },
});

const TARGET_NEEDED = {
  har: 'har needs a FILE',
  explain: "explain needs the console text in quotes (or '-' to read it from stdin)",
  check: 'check needs a URL',
  audit: 'audit needs a URL',
};

/** check and audit take one http(s) URL, as fetch() would. */
function checkTarget(command: string, target: string, origin: string): void {
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) throw new UsageError(`not an http(s) URL: ${target}`);
  // Fetch's Request constructor refuses a URL that includes credentials (Fetch §5.4 step 5.3).
  const u = new URL(target);
  if (u.username || u.password) throw new UsageError("the URL carries user:password, which fetch() refuses; pass --header 'Authorization: …' instead");
  if (command === 'audit' && origin === 'null') throw new UsageError("audit needs the app's real origin, not 'null'");
}

/** The command line as node:util reads it; its first error line as a UsageError. */
function readArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

export function parse(argv: string[]): Parsed {
  const { values: v, positionals } = readArgv(argv);
  const base = defaults();
  if (v.version) return { command: 'version', ...base };
  if (v.help || positionals.length === 0 || positionals[0] === 'help') return { command: 'help', ...base };
  if (v.config !== undefined && positionals[0] === 'check' && positionals.length === 1) positionals.push(v.config);
  const [command, target, ...extra] = positionals;
  if (command !== 'check' && command !== 'audit' && command !== 'har' && command !== 'explain')
    throw new UsageError(`unknown command '${command}': use check, audit, har or explain`);
  if (target === undefined) throw new UsageError(TARGET_NEEDED[command]);
  // An unquoted console sentence arrives as many words: they are one text.
  if (command === 'explain') return { ...base, command, target: [target, ...extra].join(' '), json: v.json === true, stack: stackOf(v.stack) };
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const out: Parsed = {
    ...base,
    command,
    target,
    json: v.json === true,
    strict: v.strict === true,
    stack: stackOf(v.stack),
    timeoutMs: timeoutOf(v.timeout),
    headers: (v.header ?? []).map((l) => headerOf(l)),
    browser: browserOf(v.browser),
    locationTrusted: v['location-trusted'] === true,
    credentialHeaders: (v['credential-header'] ?? []).map((n) => tokenOf(n, '--credential-header')),
    tryLines: (v.try ?? []).map((l) => headerOf(l, '--try')),
    config: v.config,
    junit: v.junit,
    given: { origin: v.origin !== undefined, method: v.method !== undefined, timeout: v.timeout !== undefined, browser: v.browser !== undefined },
  };
  if (command !== 'check' && (v.try || v.config !== undefined || v.junit !== undefined || v['credential-header']))
    throw new UsageError('--try, --config, --junit and --credential-header are options of check');
  if (v.junit !== undefined && v.config === undefined) throw new UsageError('--junit goes with --config FILE');
  if (v.credentials !== undefined) {
    if (v.credentials !== 'include' && v.credentials !== 'same-origin' && v.credentials !== 'omit')
      throw new UsageError(`--credentials is include, same-origin or omit, not '${v.credentials}'`);
    out.credentials = v.credentials;
    out.credentialsGiven = true;
  }
  if (command === 'har') return out;
  if (out.config !== undefined) {
    if (target !== out.config) throw new UsageError('check --config FILE takes no URL: the file lists them');
    if (v.try) throw new UsageError('--try checks one URL, not a --config file');
    if (v.origin !== undefined) out.origin = originOf(v.origin);
    if (v.method !== undefined) out.method = methodOf(v.method);
    return out;
  }
  out.origin = originOf(v.origin);
  checkTarget(command, target, out.origin);
  if (v.method !== undefined) out.method = methodOf(v.method);
  return out;
}

// RFC 9110 §5.1 and §9.1: header names and methods are tokens.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function methodOf(value: string): string {
  if (!TOKEN.test(value)) throw new UsageError(`not a method: ${value.slice(0, 80)}`);
  return value;
}

function tokenOf(value: string, option: string): string {
  if (!TOKEN.test(value)) throw new UsageError(`${option} takes a header name, not '${value.slice(0, 80)}'`);
  return value;
}

export function originOf(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--origin is required: the origin of the page that makes the request, e.g. https://app.example.com');
  if (value === 'null') return value;
  const u = URL.canParse(value) ? new URL(value) : undefined;
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UsageError(`--origin must be scheme://host[:port], e.g. https://app.example.com, not '${value}'`);
  if (u.origin !== value) throw new UsageError(`--origin must be an origin (scheme://host[:port], no path or trailing slash): did you mean ${u.origin}?`);
  return value;
}

export function headerOf(line: string, option = '--header'): HeaderLine {
  const i = line.indexOf(':');
  const name = i < 0 ? '' : line.slice(0, i).trim();
  const value = i < 0 ? '' : line.slice(i + 1).trim();
  // The value may be a secret: a message names at most what stands before the colon.
  if (i < 0) throw new UsageError(`${option} must be 'Name: value' (no ':' in it)`);
  if (!TOKEN.test(name)) throw new UsageError(`${option} must be 'Name: value', and '${name.slice(0, 80)}' is not a header name`);
  if (/[\r\n\0]/.test(value)) throw new UsageError(`${option} ${name}: the value may not hold CR, LF or NUL`);
  return { name, value };
}

export function browserOf(value: string | undefined): Browser {
  if (value === undefined) return 'chromium';
  const b = value.toLowerCase();
  if (b !== 'chromium' && b !== 'firefox' && b !== 'webkit') throw new UsageError(`--browser is chromium, firefox or webkit, not '${value.slice(0, 40)}'`);
  return b;
}

export function stackOf(value: string | undefined): StackId | undefined {
  if (value === undefined) return undefined;
  const s = STACKS.find((x) => x.id === value.toLowerCase());
  if (!s) throw new UsageError(`unknown --stack '${value}': one of ${STACKS.map((x) => x.id).join(', ')}`);
  return s.id;
}

export function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 600) throw new UsageError(`--timeout is seconds between 0 and 600, not '${value}'`);
  return Math.round(n * 1000);
}
