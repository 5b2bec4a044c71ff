// `check --config FILE`: a CORS contract for many endpoints in one run. The file (JSON, documented
// in docs/cli.md) lists endpoints; each endpoint × origin × method is one case with the verdict it
// must get. Every case is checked like `check` (its own --timeout), and the run ends with one
// summary, a JUnit XML report if asked, and exit 1 when any case broke its contract.
import type { Browser } from '../core/message';
import type { HeaderLine } from '../core/types';
import { browserOf, headerOf, methodOf, originOf, timeoutOf, UsageError, type Parsed } from './args';
import { check, type CheckResult } from './check';
import { NetworkError } from './http';

export interface Case {
  /** "GET https://api.example.com/me from https://app.example.com", or the endpoint's name with those. */
  name: string;
  url: string;
  origin: string;
  method: string;
  headers: HeaderLine[];
  credentials: 'include' | 'same-origin' | 'omit';
  expect: 'allowed' | 'blocked';
  timeoutMs: number;
  browser: Browser;
}

export interface CaseResult {
  case: Case;
  /** What the browser would do; undefined when the case could not be checked. */
  verdict?: 'allowed' | 'blocked';
  kept: boolean;
  /** A network error: the case could not be checked. */
  error?: string;
  result?: CheckResult;
  ms: number;
}

/** A mistake in the file: exit 2, one line naming where. */
export class ConfigError extends UsageError {}

const TOP_KEYS = ['$schema', 'origins', 'origin', 'credentials', 'timeout', 'browser', 'headers', 'endpoints'];
const ENDPOINT_KEYS = ['name', 'url', 'origins', 'origin', 'methods', 'method', 'headers', 'credentials', 'expect', 'timeout', 'browser'];

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads the file's text into cases; the command line's --origin/--method/--timeout/--browser win over the file. */
export function readConfig(text: string, args: Parsed): Case[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the config is not JSON (${(err as Error).message.split('\n')[0]!.slice(0, 120)})`);
  }
  if (!isObject(json)) throw new ConfigError('the config must be a JSON object with an "endpoints" array');
  unknownKeys(json, TOP_KEYS, 'the config');
  if (!Array.isArray(json.endpoints) || json.endpoints.length === 0) throw new ConfigError('the config needs a non-empty "endpoints" array');
  if (json.endpoints.length > 1000) throw new ConfigError('the config lists more than 1000 endpoints');
  const defaults = json;
  return json.endpoints.flatMap((e, i) => casesOf(e, `endpoints[${i}]`, defaults, args));
}

function unknownKeys(o: Json, known: string[], where: string): void {
  const extra = Object.keys(o).find((k) => !known.includes(k));
  if (extra !== undefined) throw new ConfigError(`${where}: unknown key "${extra.slice(0, 60)}" (known: ${known.filter((k) => k !== '$schema').join(', ')})`);
}

function casesOf(e: unknown, where: string, defaults: Json, args: Parsed): Case[] {
  if (!isObject(e)) throw new ConfigError(`${where} must be an object with at least "url"`);
  unknownKeys(e, ENDPOINT_KEYS, where);
  const at = <T>(what: string, read: () => T): T => {
    try {
      return read();
    } catch (err) {
      throw new ConfigError(`${where}: ${what}: ${(err as Error).message}`);
    }
  };
  const url = at('url', () => urlOf(e.url));
  const origins = args.given.origin
    ? [args.origin]
    : at('origins', () => list(e.origins ?? e.origin ?? defaults.origins ?? defaults.origin, 'origins').map(originOf));
  const methods = args.given.method ? [args.method] : at('methods', () => list(e.methods ?? e.method ?? 'GET', 'methods').map(methodOf));
  const headers = [...at('headers', () => headersOf(defaults.headers)), ...at('headers', () => headersOf(e.headers))];
  const credentials = at('credentials', () => credentialsOf(e.credentials ?? defaults.credentials ?? 'include'));
  const expect = at('expect', () => expectOf(e.expect ?? 'allowed'));
  const timeoutMs = args.given.timeout ? args.timeoutMs : at('timeout', () => timeoutOf(numberText(e.timeout ?? defaults.timeout)));
  const browser = args.given.browser ? args.browser : at('browser', () => browserOf(stringOrUndefined(e.browser ?? defaults.browser)));
  const label = typeof e.name === 'string' && e.name.trim() !== '' ? `${e.name.trim().slice(0, 100)}: ` : '';
  return origins.flatMap((origin) =>
    methods.map((method) => ({ name: `${label}${method} ${url} from ${origin}`, url, origin, method, headers, credentials, expect, timeoutMs, browser })),
  );
}

function urlOf(x: unknown): string {
  if (typeof x !== 'string' || !/^https?:\/\//i.test(x) || !URL.canParse(x)) throw new Error('an http(s) URL is required');
  const u = new URL(x);
  if (u.username || u.password) throw new Error('the URL carries user:password, which fetch() refuses; use "headers"');
  return x;
}

function list(x: unknown, what: string): string[] {
  const xs = typeof x === 'string' ? [x] : x;
  if (!Array.isArray(xs) || xs.length === 0 || !xs.every((s) => typeof s === 'string'))
    throw new Error(`a string or a non-empty array of strings (${what}) is required`);
  if (xs.length > 100) throw new Error(`more than 100 ${what}`);
  return xs;
}

/**
 * `{ "Name": "value" }` or `["Name: value"]`. `${VAR}` in a value is read from the environment, so
 * a CI job keeps its session cookie or token in its secret store, not in the file.
 */
function headersOf(x: unknown, env: NodeJS.ProcessEnv = process.env): HeaderLine[] {
  if (x === undefined) return [];
  const line = (l: string): HeaderLine => headerOf(expand(l, env), 'a header');
  if (Array.isArray(x)) return x.map((l) => (typeof l === 'string' ? line(l) : fail('each line is a "Name: value" string')));
  if (isObject(x))
    return Object.entries(x).map(([name, value]) =>
      typeof value === 'string' ? line(`${name}: ${value}`) : fail(`the value of ${name.slice(0, 60)} must be a string`),
    );
  return fail('an object { "Name": "value" } or an array of "Name: value" lines is required');
}

function expand(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? fail(`the environment variable ${name} is not set`));
}

function credentialsOf(x: unknown): Case['credentials'] {
  if (x !== 'include' && x !== 'same-origin' && x !== 'omit') throw new Error(`include, same-origin or omit, not ${JSON.stringify(x)?.slice(0, 40)}`);
  return x;
}

function expectOf(x: unknown): Case['expect'] {
  if (x !== 'allowed' && x !== 'blocked') throw new Error(`"allowed" or "blocked", not ${JSON.stringify(x)?.slice(0, 40)}`);
  return x;
}

const numberText = (x: unknown): string | undefined =>
  x === undefined ? undefined : typeof x === 'number' ? String(x) : fail('a number of seconds is required');
const stringOrUndefined = (x: unknown): string | undefined => (x === undefined ? undefined : typeof x === 'string' ? x : fail('a string is required'));
const fail = (message: string): never => {
  throw new Error(message);
};

/** Checks every case in order (one server at a time is kind to it, and the log reads in order). */
export async function runCases(cases: Case[], args: Parsed): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) {
    const start = Date.now();
    try {
      const result = await check({
        url: c.url,
        origin: c.origin,
        method: c.method,
        headers: c.headers,
        credentials: c.credentials,
        timeoutMs: c.timeoutMs,
        browser: c.browser,
        locationTrusted: args.locationTrusted,
        credentialHeaders: args.credentialHeaders,
      });
      const verdict = result.blocked ? 'blocked' : 'allowed';
      const strictBreak = args.strict && c.expect === 'allowed' && result.findings.length > 0;
      out.push({ case: c, verdict, kept: verdict === c.expect && !strictBreak, result, ms: Date.now() - start });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      out.push({ case: c, kept: false, error: err.message, ms: Date.now() - start });
    }
  }
  return out;
}

/** 0 every case kept; 1 a case broke; 2 none broke but one could not be checked. */
export function configExit(results: CaseResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.error === undefined && !r.kept)) return 1;
  return results.some((r) => r.error !== undefined) ? 2 : 0;
}
