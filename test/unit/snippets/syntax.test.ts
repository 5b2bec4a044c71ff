// Snippets must parse as written, in their own language, for every kind of cure. Stacks that run in
// the real-server suite are also proven there; this catches a stray comma in every stack, including
// those that cannot run here (Next.js, NestJS, Spring, Laravel). Parsers: TypeScript's own (the
// typescript package's API: syntactic diagnostics only, since the app's names are not declared),
// Python's ast, Ruby's compiler, gofmt, Mono's C# compiler (parse only), java-parser
// (prettier-java's) and php-parser (glayzzle).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseJava } from 'java-parser';
import { Engine as PhpParser } from 'php-parser';
import { API } from 'typescript/unstable/sync';
import { afterAll, describe, expect, test } from 'vitest';
import type { StackId } from '../../../src/core/types';
import type { FixSpec } from '../../../src/core/fix/plan';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { NEXTJS_TS_ONLY } from '../../../src/core/fix/stacks/nextjs';
import { OPENING } from '../../../src/core/fix/stacks/shared';
import { anyToken, COOKIES, hostileSpec, notAnOrigin, notAToken, PROBLEMS, REPRESENTATIVE, spec } from './specs';

/** Hostile cookie names: any token (they hold $ # % ' and more), and text that is not one. */
const hostileCookies = fc.sample(fc.oneof(anyToken, notAToken), { seed: 5, numRuns: 30 }).map((name) => ({ ...COOKIES['cross-site-partitioned']!, name }));

const specs: FixSpec[] = [
  ...Object.values(REPRESENTATIVE).flatMap((s) => PROBLEMS.map((problem) => ({ ...s, problems: [problem] }))),
  ...fc.sample(spec, { seed: 8, numRuns: 40 }),
  // Every value hostile: token methods and headers with $ # % ' ` |, odd paths, non-origins.
  ...fc
    .sample(fc.tuple(hostileSpec, fc.array(notAnOrigin, { maxLength: 3 })), { seed: 13, numRuns: 40 })
    .map(([s, bad]) => ({ ...s, origins: [...bad, ...s.origins] })),
  ...Object.values(COOKIES),
  ...hostileCookies,
];

/** Every distinct snippet of a stack over the specs. */
const of = (id: StackId): string[] => [...new Set(specs.map((s) => renderSnippet(s, id)))];

const dir = mkdtempSync(join(tmpdir(), 'cors-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tool a check needs, or a failure that says how to install it (never a skip). */
function need(cmd: string, args: string[], install: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} is needed for this check: ${install}`);
}

// Parsers start processes; a busy 2-core machine can take seconds.
describe('snippets parse in their language', { timeout: 60_000 }, () => {
  test('TypeScript/JavaScript: express, fastify, koa, hono, nestjs, nextjs (no syntax diagnostics)', () => {
    const files = new Map<string, string>();
    for (const id of ['express', 'fastify', 'koa', 'hono', 'nestjs', 'nextjs'] as const) {
      of(id).forEach((text, i) => {
        // The file the snippet names decides the dialect (app.js → JavaScript, main.ts → TypeScript).
        const named = OPENING.exec(text)?.[2] ?? '';
        const file = join(dir, `${id}-${i}${named.endsWith('.ts') ? '.ts' : '.js'}`);
        writeFileSync(file, text);
        files.set(file, id);
      });
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { noEmit: true, allowJs: true, noLib: true, types: [] }, include: ['*.ts', '*.js'] }),
    );
    const api = new API({ cwd: dir });
    try {
      const project = api.updateSnapshot({ openProject: join(dir, 'tsconfig.json') }).getProject(join(dir, 'tsconfig.json'))!;
      const errors = [...files].flatMap(([file, id]) => project.program.getSyntacticDiagnostics(file).map((d) => `${id} ${file}: ${d.text}`));
      expect(errors).toEqual([]);
      expect(files.size).toBeGreaterThan(6 * 10);
    } finally {
      api.close();
    }
  });

  test('Next.js in JavaScript: the snippet without its one TypeScript annotation, as it says, is plain JavaScript', () => {
    const files: string[] = [];
    of('nextjs').forEach((text, i) => {
      if (!text.includes(NEXTJS_TS_ONLY)) return;
      const file = join(dir, `nextjs-js-${i}.js`);
      writeFileSync(file, text.replaceAll(NEXTJS_TS_ONLY, ''));
      files.push(file);
    });
    // The same check must see TypeScript left in a .js file.
    const typed = join(dir, 'nextjs-js-typed.js');
    writeFileSync(typed, `export async function middleware(...args${NEXTJS_TS_ONLY}) {}`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { noEmit: true, allowJs: true, noLib: true, types: [] }, include: ['nextjs-js-*.js'] }),
    );
    const api = new API({ cwd: dir });
    try {
      const project = api.updateSnapshot({ openProject: join(dir, 'tsconfig.json') }).getProject(join(dir, 'tsconfig.json'))!;
      expect(files.flatMap((file) => project.program.getSyntacticDiagnostics(file).map((d) => `${file}: ${d.text}`))).toEqual([]);
      expect(files.length).toBeGreaterThan(10);
      expect(project.program.getSyntacticDiagnostics(typed).length).toBeGreaterThan(0);
    } finally {
      api.close();
    }
  });

  test('the TypeScript check finds a syntax error', () => {
    const file = join(dir, 'broken.js');
    writeFileSync(file, 'app.use(cors({ origin: "x",, }));');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { noEmit: true, allowJs: true, noLib: true, types: [] }, files: ['broken.js'] }),
    );
    const api = new API({ cwd: dir });
    try {
      const project = api.updateSnapshot({ openProject: join(dir, 'tsconfig.json') }).getProject(join(dir, 'tsconfig.json'))!;
      expect(project.program.getSyntacticDiagnostics(file).length).toBeGreaterThan(0);
    } finally {
      api.close();
    }
  });

  test('Python: django, flask, fastapi (ast.parse)', () => {
    need('python3', ['--version'], 'apt-get install -y python3');
    const sources = (['django', 'flask', 'fastapi'] as const).flatMap((id) => of(id).map((text) => ({ id, text })));
    const script =
      'import ast, json, sys\nfor s in json.load(sys.stdin):\n    try:\n        ast.parse(s["text"])\n    except SyntaxError as e:\n        print(s["id"], e)\n';
    const out = execFileSync('python3', ['-c', script], { input: JSON.stringify([...sources, { id: 'control', text: 'CORS(app,, x)' }]), encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([expect.stringMatching(/^control /)]);
  });

  test('Ruby: rails (ruby -c)', () => {
    need('ruby', ['--version'], 'apt-get install -y ruby');
    const sources = [...of('rails'), 'allow do\n  origins "x",\nend end'];
    const script =
      'require "json"\nJSON.parse(STDIN.read).each_with_index { |s, i| begin; RubyVM::InstructionSequence.compile(s); rescue SyntaxError => e; puts "#{i}: #{e.message.lines.first}"; end }';
    const out = execFileSync('ruby', ['-e', script], { input: JSON.stringify(sources), encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${sources.length - 1}: `))]);
  });

  test('Go: go (gofmt -e; a fragment is checked inside func main)', () => {
    need('go', ['version'], 'apt-get install -y golang-go');
    const goDir = mkdtempSync(join(dir, 'go-'));
    const sources = [...of('go'), 'c := cors.New(cors.Options{AllowedOrigins: []string{"x"},, })'];
    sources.forEach((text, i) => writeFileSync(join(goDir, `s${i}.go`), /^package /m.test(text) ? text : `package main\n\nfunc main() {\n${text}\n}\n`));
    const r = spawnSync('gofmt', ['-e', '-l', goDir], { encoding: 'utf8' });
    const bad = new Set([...r.stderr.matchAll(/s(\d+)\.go:\d+/g)].map((m) => Number(m[1])));
    expect([...bad]).toEqual([sources.length - 1]);
  });

  test('C#: aspnet (mcs --parse; Program.cs top-level statements are checked inside a method)', () => {
    need('mcs', ['--version'], 'apt-get install -y --no-install-recommends mono-mcs');
    const csDir = mkdtempSync(join(dir, 'cs-'));
    const sources = [...of('aspnet'), 'builder.Services.AddCors(options => options.AddPolicy("AppCors", policy => policy.WithOrigins("x"),));'];
    const files = sources.map((text, i) => {
      const file = join(csDir, `s${i}.cs`);
      writeFileSync(file, `class Snippet${i}\n{\nvoid Configure()\n{\n${text}\n}\n}\n`);
      return file;
    });
    const r = spawnSync('mcs', ['--parse', ...files], { encoding: 'utf8' });
    const bad = [...new Set([...`${r.stdout}${r.stderr}`.matchAll(/s(\d+)\.cs\(\d+,\d+\): error/g)].map((m) => Number(m[1])))];
    expect(bad).toEqual([sources.length - 1]);
  });

  test('Java: spring, spring-security (java-parser)', () => {
    const errors: string[] = [];
    for (const id of ['spring', 'spring-security'] as const) {
      // Cookie cures are application.properties lines, not Java.
      for (const text of of(id).filter((t) => !t.startsWith('# '))) {
        try {
          parseJava(text);
        } catch (e) {
          errors.push(`${id}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(errors).toEqual([]);
    expect(() => parseJava('class A { void f() { registry.addMapping("/**").allowedOrigins("x"),; } }')).toThrow();
  });

  test('PHP: laravel (php-parser)', () => {
    const php = new PhpParser({ parser: { php8: true, suppressErrors: false }, ast: {} });
    const errors: string[] = [];
    for (const text of of('laravel')) {
      try {
        // A cookie cure is entries of config/session.php's returned array: parsed inside one.
        php.parseCode(text.startsWith('<?php') ? text : `<?php return [\n${text}\n];`, 'cors.php');
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    expect(errors).toEqual([]);
    expect(() => php.parseCode("<?php return ['paths' => ['api/*'] 'allowed_origins' => []];", 'cors.php')).toThrow();
  });
});
