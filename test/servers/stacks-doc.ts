// docs/stacks.md, generated so it cannot drift: the stacks table from each snippet's opening
// comment, with what proves each stack's snippets (a real-server suite under test/servers/, or
// only the syntax checks of test/unit/snippets/syntax.test.ts), and one worked example per kind of
// cure, from requests Chromium blocked in the lab (test/fixtures/chromium.json, lab hosts renamed)
// through validate() to the finding's snippet. `npx tsx test/servers/stacks-doc.ts --write` updates
// docs/stacks.md; test/unit/snippets/readme.test.ts checks it holds this.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { STACKS, renderSnippet } from '../../src/core/fix/stacks/index';
import { OPENING } from '../../src/core/fix/stacks/shared';
import type { RequestRecord, SnippetSpec, Stage, StackId } from '../../src/core/types';
import { validate } from '../../src/core/validate';
import { STACK_GROUPS } from '../../src/ui/stacks';
import { NODE_STACKS } from './node/cases';

export const DOC = 'docs/stacks.md';
export const START = '<!-- stacks:start (generated: npx tsx test/servers/stacks-doc.ts --write) -->';
export const END = '<!-- stacks:end -->';

const LANG: Partial<Record<StackId, string>> = {
  nestjs: 'ts',
  nextjs: 'ts',
  spring: 'java',
  'spring-security': 'java',
  aspnet: 'csharp',
  laravel: 'php',
};

/**
 * Stacks with no real-server suite, and why: only the npm registry and Debian's archive are
 * reachable where the suite runs, and these need a registry that is not (Maven Central, NuGet,
 * Packagist).
 */
export const NOT_RUNNABLE: Partial<Record<StackId, string>> = {
  spring: 'Spring Boot comes from Maven Central',
  'spring-security': 'Spring Security comes from Maven Central',
  aspnet: 'ASP.NET Core comes with the .NET SDK and NuGet',
  laravel: 'Laravel comes from Packagist, through Composer',
};

/** Which real-server suite runs a stack's cases, and how many; undefined when none does. */
export function serverSuite(id: StackId): { file: string; cases: number } | undefined {
  const node = NODE_STACKS.find((n) => n.stack === id);
  // Listed in cases.ts, run by node.test.ts.
  if (node) return { file: 'test/servers/node/cases.ts', cases: node.cases.length };
  for (const file of [`test/servers/node/${id}.test.ts`, `test/servers/debian/${id}.test.ts`]) {
    const url = new URL(`../../${file}`, import.meta.url);
    if (!existsSync(url)) continue;
    // Each case is one `{ file: '<case>.bundle', … }` entry of the suite's cases list.
    const cases = readFileSync(url, 'utf8').match(/^\s*\{ file: '[\w.-]+\.bundle'/gm)?.length ?? 0;
    if (cases > 0) return { file, cases };
  }
  return undefined;
}

/** The table's proof column for one stack. */
export function proofOf(id: StackId): string {
  const suite = serverSuite(id);
  if (suite) return `proven on a real server (${suite.cases} cases, \`${suite.file}\`)`;
  const why = NOT_RUNNABLE[id];
  return `syntax-checked only${why ? ` (cannot run here: ${why})` : ''}`;
}

export function stacksTable(): string {
  const spec: SnippetSpec = {
    kind: 'cors',
    origins: ['https://app.example.com'],
    credentials: true,
    methods: ['PUT'],
    headers: ['content-type'],
    expose: [],
    problems: ['allow-origin'],
    paths: ['/api/me'],
  };
  const group = (id: StackId) => STACK_GROUPS.find((g) => g.ids.includes(id))?.label ?? '';
  const rows = STACKS.map(({ id, label }) => {
    const first = renderSnippet(spec, id).split('\n')[0]!;
    const m = OPENING.exec(first);
    const what = m ? first.slice(m[0].length - 1).replace(/[\\`*_<>|[\]]/g, '\\$&') : '';
    return `| ${group(id)} | ${label} | \`${m?.[2] ?? ''}\` | ${what} | ${proofOf(id)} |`;
  });
  return ['| group | stack | file | what the snippet edits | proof |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

interface Example {
  title: string;
  scenario: string;
  stack: StackId;
  /** Lab host → the name shown (the page is always https://app.example.com). */
  hosts: { sameSite: string; crossSite: string };
  path: string;
  story: string;
}

const EXAMPLES: Example[] = [
  {
    title: 'Preflight answered 401: authentication runs before CORS',
    scenario: 'preflight-401-with-cors',
    stack: 'spring-security',
    hosts: { sameSite: 'https://api.example.com', crossSite: 'https://api.example.net' },
    path: '/api/me',
    story:
      'The page calls the API with cookies and an `Authorization` header, so Chromium sends a preflight first. The preflight carries no cookies, the security filter answers it 401, and the call is never sent.',
  },
  {
    title: 'Wildcard origin with credentials',
    scenario: 'acao-wildcard',
    stack: 'nestjs',
    hosts: { sameSite: 'https://api.example.com', crossSite: 'https://api.example.net' },
    path: '/api/profile',
    story:
      "The server answers `Access-Control-Allow-Origin: *` and `Access-Control-Allow-Credentials: true` (NestJS's `enableCors({ credentials: true })` without an origin does exactly this).",
  },
  {
    title: 'Duplicate origin from two layers',
    scenario: 'acao-two-lines',
    stack: 'laravel',
    hosts: { sameSite: 'https://api.example.com', crossSite: 'https://api.example.net' },
    path: '/api/items',
    story: 'The proxy adds `Access-Control-Allow-Origin: *` and the application adds the page origin: two lines, which the browser reads as one list.',
  },
  {
    title: 'Redirect to a login page',
    scenario: 'redirect-login',
    stack: 'aspnet',
    hosts: { sameSite: 'https://api.example.com', crossSite: 'https://login.example.net' },
    path: '/api/account',
    story:
      "The session has expired, and the API answers the credentialed call with a 302 to the login page on another origin, which sends no CORS headers (and could not name the page's origin: after a cross-origin redirect it is `null`).",
  },
];

interface Recorded {
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: { id: string; messages: string[]; record: RequestRecord }[];
}

const recorded = (): Recorded => JSON.parse(readFileSync(new URL('../fixtures/chromium.json', import.meta.url), 'utf8')) as Recorded;

/** The recorded request and sentence with the lab's hosts, paths and run ids renamed. */
function rename(text: string, rec: Recorded, ex: Example): string {
  const path = new RegExp(`/(?:c/)?s/${ex.scenario}/(\\d+)\\?run=[\\w-]+`, 'g');
  return text
    .replace(path, (_m, n: string) => (n === '0' ? ex.path : '/login'))
    .split(rec.origins.page)
    .join('https://app.example.com')
    .split(rec.origins.sameSite)
    .join(ex.hosts.sameSite)
    .split(rec.origins.crossSite)
    .join(ex.hosts.crossSite);
}

interface Step {
  stage: Stage;
  hop: number;
  headers: string[];
  remove?: string[];
  status?: { from: number; to: number; why: string };
}

const STAGE: Record<Stage, string> = { preflight: 'The preflight (OPTIONS) response', response: 'The actual response', redirect: 'The redirect' };

function example(ex: Example, rec: Recorded): string {
  const s = rec.scenarios.find((x) => x.id === ex.scenario && x.messages.length > 0);
  if (!s) throw new Error(`no recorded scenario ${ex.scenario}`);
  const record = JSON.parse(rename(JSON.stringify(s.record), rec, ex)) as RequestRecord;
  const finding = validate(record).find((f) => f.severity === 'error');
  if (!finding) throw new Error(`validate() finds no error in ${ex.scenario}`);
  // Every response the cure changes, in order.
  const fix = finding.fix;
  const steps: Step[] = fix.steps;
  const lines = steps.flatMap((st) => {
    const url = record.hops[st.hop]?.url;
    return [
      `# ${STAGE[st.stage]}${url ? ` of ${url}` : ''}`,
      ...(st.status ? [`# status ${st.status.to} instead of ${st.status.from}`] : []),
      ...st.headers,
      ...(st.remove?.length ? [`# stop sending: ${st.remove.join(', ')}`] : []),
    ];
  });
  const label = STACKS.find((x) => x.id === ex.stack)!.label;
  return [
    `### ${ex.title} (${label})`,
    '',
    ex.story,
    '',
    'Chromium says (recorded in the lab, hosts renamed):',
    '',
    '```',
    rename(s.messages[0]!, rec, ex),
    '```',
    '',
    'The fix, as header lines:',
    '',
    '```http',
    ...lines,
    '```',
    '',
    `The same cure in ${label} (pick the stack in the panel's Form selector):`,
    '',
    '```' + (LANG[ex.stack] ?? ''),
    renderSnippet(fix.spec, ex.stack),
    '```',
  ].join('\n');
}

export function stacksSection(): string {
  const rec = recorded();
  return [START, stacksTable(), '', ...EXAMPLES.flatMap((ex) => [example(ex, rec), '']), END].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = stacksSection();
  if (process.argv.includes('--write')) {
    const doc = readFileSync(DOC, 'utf8');
    const a = doc.indexOf(START);
    const b = doc.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${DOC} has no ${START} … ${END} block`);
    writeFileSync(DOC, doc.slice(0, a) + section + doc.slice(b + END.length));
  } else console.log(section);
}
