// `cors-inspector explain` as a process (the built command, as `npx cors-inspector` runs it):
// exit 0 for a sentence it knows, 1 for text it does not, 2 for usage; --json; stdin with '-'.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/cors-inspector.js', ...args], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end(stdin ?? '');
  });
}

const SPAWNS = 60_000;
// A sentence Chromium printed in the lab (test/fixtures/chromium.json), with its console dress.
const chromium = (
  JSON.parse(readFileSync('test/fixtures/chromium.json', 'utf8')) as { scenarios: { id: string; mode: string; messages: string[] }[] }
).scenarios.find((s) => s.id === 'preflight-acao-wildcard' && s.mode === 'broken')!.messages[0]!;

describe('cors-inspector explain', () => {
  it(
    'names the rule, the stage, the values and the cure, and exits 0',
    async () => {
      const r = await cli(['explain', `Uncaught (in promise) ${chromium}`, '--stack', 'express']);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toContain('wildcard-origin');
      expect(r.out).toContain('Stage: the preflight (OPTIONS) response');
      expect(r.out).toMatch(/Access-Control-Allow-Origin: http:\/\/localhost:\d+\n/);
      expect(r.out).toContain('app.use(cors({');
      expect(r.out).not.toMatch(/Allow-Origin: \*\n|origin: true|origin: '\*'/);
    },
    SPAWNS,
  );

  it(
    "an older paste from stdin: the era named, Firefox's second line shown with its error, the page-side alternative",
    async () => {
      const blocked = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/me. (Reason: ';
      const text = [
        "`XMLHttpRequest cannot load https://api.example.net/me. A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true. Origin 'https://app.example.com' is therefore not allowed access.`",
        `${blocked}missing token 'authorization' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel).`,
        `${blocked}CORS request did not succeed).`,
      ].join('\n');
      const r = await cli(['explain', '-'], text);
      expect(r.code).toBe(0);
      expect(r.out).toContain('In the words of Chromium (Chrome, Edge), as Chrome before 2017 printed them:');
      expect(r.out).toContain("`credentials: 'same-origin'`");
      expect(r.out).toContain('Then, about the same request: Cross-Origin Request Blocked');
      expect(r.out).toContain('Access-Control-Allow-Headers: authorization');
      expect(r.out.match(/^In the words of/gm)).toHaveLength(2);
    },
    SPAWNS,
  );

  it(
    '--json prints { known, errors } with the rule; a paraphrase from stdin asks for the origin and URL',
    async () => {
      const r = await cli(
        ['explain', '-', '--json'],
        "Preflight response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.\n",
      );
      expect(r.code).toBe(0);
      const x = JSON.parse(r.out) as {
        known: boolean;
        errors: { engine: string; stage: string; missing: string[]; rules: { id: string; steps: { headers: string[] }[] }[] }[];
      };
      expect(x.known).toBe(true);
      expect(x.errors[0]).toMatchObject({ engine: 'paraphrase', stage: 'preflight', missing: ['origin', 'url'] });
      expect(x.errors[0]!.rules.map((r) => r.id)).toEqual(['allow-credentials']);
      expect(x.errors[0]!.rules[0]!.steps[0]!.headers).toContain('Access-Control-Allow-Origin: <your page origin>');
    },
    SPAWNS,
  );

  it(
    "reads WebKitGTK's console from stdin: Safari's words, the URL of the 'cannot load' line, the origin asked for",
    async () => {
      const text =
        'CONSOLE SECURITY ERROR Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.\nCONSOLE JS ERROR Fetch API cannot load http://localhost:44305/star due to access control checks.\n';
      const r = await cli(['explain', '-'], text);
      expect(r.code).toBe(0);
      expect(r.out).toContain('In the words of Safari (WebKit):');
      expect(r.out).toContain('wildcard-origin');
      expect(r.out).toContain('URL: http://localhost:44305/star');
      expect(r.out).toContain("The text does not give the page's origin");
      expect(r.out).toContain('Access-Control-Allow-Origin: <your page origin>');
    },
    SPAWNS,
  );

  it(
    "the issue's preflight redirect, with and without Chromium's preflight head: placeholders for the status and method, credentials said to be assumed, exit 0",
    async () => {
      const head = "Access to fetch at 'http://api.test/x' from origin 'http://app.test' has been blocked by CORS policy: ";
      for (const text of [
        `${head}Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.`,
        `${head}Redirect is not allowed for a preflight request.`,
      ]) {
        const r = await cli(['explain', text]);
        expect(r.code).toBe(0);
        expect(r.out).toContain('Stage: the preflight (OPTIONS) response');
        expect(r.out).toContain("Credentials mode: 'include', assumed");
        expect(r.out).toContain('(status <redirect status>)');
        expect(r.out).toContain('status <redirect status> → 204');
        expect(r.out).toContain('Access-Control-Allow-Methods: <your method>');
        expect(r.out).not.toMatch(/\b302\b|Allow-Methods: GET/);
      }
    },
    SPAWNS,
  );

  it(
    'says so and exits 1 for text it does not know; escapes control characters',
    async () => {
      const r = await cli(['explain', 'TypeError: Failed to fetch \u001b[2J']);
      expect(r.code).toBe(1);
      expect(r.out).toContain('Not a CORS console sentence I know');
      const j = await cli(['explain', 'nothing here', '--json']);
      expect(j.code).toBe(1);
      expect(JSON.parse(j.out)).toEqual({ known: false, errors: [] });
      const esc = await cli(['explain', "The 'Access-Control-Allow-Origin' header contains the invalid value '\u001b[2Jx'."]);
      expect(esc.code).toBe(0);
      expect(esc.out).not.toContain('\u001b');
      expect(esc.out).toContain('⟨U+001B⟩');
    },
    SPAWNS,
  );

  it(
    'usage mistakes: one line on stderr and exit 2',
    async () => {
      for (const args of [['explain'], ['explain', 'x', '--stack', 'cobol'], ['explain', 'x', '--nope']]) {
        const r = await cli(args);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      }
    },
    SPAWNS,
  );
});
