// The snippet registry and what every stack's snippet must be: an edit that names its file, sends the
// exact origin, never `*` with credentials, never an unchecked echo of Origin. One file snapshot per
// stack (src/core/fix/stacks/__snapshots__/<id>.txt) so each stack's owner reviews only their own.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FixSpec, SnippetSpec } from '../../../src/core/fix/plan';
import { renderSnippet, snippets, STACKS } from '../../../src/core/fix/stacks/index';
import { NO_ORIGIN, OPENING, PLACEHOLDER_ORIGIN } from '../../../src/core/fix/stacks/shared';
import { COOKIES, hostileSpec, notAnOrigin, notAToken, REPRESENTATIVE, spec } from './specs';

const ORDER = [
  'express',
  'fastify',
  'koa',
  'hono',
  'nestjs',
  'nextjs',
  'nginx',
  'apache',
  'caddy',
  'django',
  'flask',
  'fastapi',
  'rails',
  'go',
  'spring',
  'spring-security',
  'aspnet',
  'laravel',
];
const dir = fileURLToPath(new URL('../../../src/core/fix/stacks/', import.meta.url));

/** Code without its line comments (`// …`, `# …` after whitespace), so advice like "never origin: true" is not read as code. */
export function code(snippet: string): string {
  return snippet
    .split('\n')
    .map((l) => l.replace(/^<\?php\s*/, '').replace(/(^|\s)(\/\/|#)(\s.*)?$/, ''))
    .join('\n');
}

/** Constructs that allow every origin, or echo the request's Origin without checking it. */
const REFLECTION: readonly [string, RegExp][] = [
  ['origin: true', /\borigin\s*:\s*true\b/i],
  ['an origin function that returns its argument', /origin\s*:\s*\(?\s*(\w+)\s*(,[^)]*)?\)?\s*=>\s*\1\b/],
  ['allowedOriginPatterns("*")', /OriginPatterns\s*\(\s*(List\.of\()?\s*"\*"/],
  ['SetIsOriginAllowed(_ => true)', /SetIsOriginAllowed\s*\(\s*\w+\s*=>\s*true/],
  ['AllowAnyOrigin()', /AllowAnyOrigin\s*\(/],
  ['cors.AllowAll()', /cors\.AllowAll\s*\(/],
  ['AllowOriginFunc returning true', /AllowOriginFunc[\s\S]{0,80}return true/],
  ['CORS_ALLOW_ALL_ORIGINS / CORS_ORIGIN_ALLOW_ALL', /CORS_(ALLOW_ALL_ORIGINS|ORIGIN_ALLOW_ALL)\s*=\s*True/],
  ['a catch-all origin regex', /ORIGIN_REGEX\w*\s*=\s*\[?\s*r?["']\.\*/],
  ['an echo of {http.request.header.Origin} without an exact Origin matcher', /\{http\.request\.header\.Origin\}/],
];

/** `*` as an allowed origin, in any stack's spelling. */
function wildcardOrigin(codeText: string): string | undefined {
  for (const full of codeText.split('\n')) {
    // Apache's condition on every header line names the origin variable, not an origin value.
    const line = full.replace(/ env=CORS_ORIGIN$/, '');
    if (/origin/i.test(line) && /(["'`])\*\1/.test(line)) return line;
    if (/Access-Control-Allow-Origin"?\s*[:,]?\s*"?\*/i.test(line)) return line;
  }
  return undefined;
}

/** nginx: $http_origin only as the map's input or as the value of an exact, anchored match. */
function uncheckedHttpOrigin(codeText: string): string | undefined {
  return codeText
    .split('\n')
    .find((l) => l.includes('$http_origin') && !/^\s*map \$http_origin \$\w+ \{\s*$/.test(l) && !/^\s*"~\^[^"*+?]+\$" \$http_origin;\s*$/.test(l));
}

function problems(id: string, s: SnippetSpec, snippet: string): string[] {
  const out: string[] = [];
  const c = code(snippet);
  const origins = s.origins.length > 0 ? s.origins : [PLACEHOLDER_ORIGIN];
  const caddyGuarded = id === 'caddy' && origins.every((o) => c.includes(`header Origin ${o}`));
  for (const [what, re] of REFLECTION) {
    if (what.startsWith('an echo of {http') && caddyGuarded) continue;
    if (re.test(c)) out.push(`reflects: ${what}`);
  }
  const star = wildcardOrigin(c);
  if (star !== undefined) out.push(`allows origin *: ${star.trim()}`);
  const echo = uncheckedHttpOrigin(c);
  if (echo !== undefined) out.push(`unchecked $http_origin: ${echo.trim()}`);
  for (const o of origins) if (!c.replace(/\\/g, '').includes(o)) out.push(`the exact origin ${o} is missing from the code`);
  if (s.credentials && !/credentials/i.test(c)) out.push('credentials are not turned on');
  if (!OPENING.test(snippet)) out.push(`no opening comment naming the file: ${snippet.split('\n')[0]}`);
  return out;
}

describe('stack registry', () => {
  test('lists the 18 stacks in the agreed order, each with a label', () => {
    expect(STACKS.map((s) => s.id)).toEqual(ORDER);
    for (const s of STACKS) expect(s.label.length).toBeGreaterThan(1);
  });

  test('every stack has its own file, named by its id (helpers may sit beside them)', () => {
    const files = new Set(readdirSync(dir).filter((f) => f.endsWith('.ts')));
    expect(ORDER.filter((id) => !files.has(`${id}.ts`))).toEqual([]);
  });

  test('every file exports render(spec), and the registry uses it', async () => {
    const s = REPRESENTATIVE['preflight-status']!;
    for (const id of ORDER) {
      const mod = (await import(`../../../src/core/fix/stacks/${id}.ts`)) as { render?: (spec: FixSpec) => string };
      expect(typeof mod.render, id).toBe('function');
      expect(renderSnippet(s, id as never), id).toBe(mod.render!(s));
    }
    expect(Object.keys(snippets(s))).toEqual(ORDER);
  });
});

describe('snapshots', () => {
  test.each(ORDER)('%s', async (id) => {
    const text = Object.entries<FixSpec>({ ...REPRESENTATIVE, ...COOKIES })
      .map(([name, s]) => `=== ${name}: ${JSON.stringify(s)}\n${renderSnippet(s, id as never)}\n`)
      .join('\n');
    await expect(text).toMatchFileSnapshot(`../../../src/core/fix/stacks/__snapshots__/${id}.txt`);
  });
});

describe('every snippet (property)', () => {
  test('names its file, sends the exact origin, never * with credentials, never reflects Origin: 18 stacks × 500 specs', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const all = snippets(s);
        const bad = Object.entries(all).flatMap(([id, text]) => problems(id, s, text).map((p) => `${id}: ${p}`));
        expect(bad).toEqual([]);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  test('hostile methods, header names and paths: no crash, no wildcard, no reflection, the exact origin', () => {
    fc.assert(
      fc.property(hostileSpec, (s) => {
        const bad = Object.entries(snippets(s)).flatMap(([id, text]) => problems(id, s, text).map((p) => `${id}: ${p}`));
        expect(bad, JSON.stringify(bad)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('the checks catch what they are meant to catch', () => {
    const s = REPRESENTATIVE['wildcard-with-credentials']!;
    const good = renderSnippet(s, 'express');
    expect(problems('express', s, good)).toEqual([]);
    expect(problems('express', s, good.replace(`"${s.origins[0]}"`, 'true'))).toContain('reflects: origin: true');
    expect(problems('express', s, good.replace(`"${s.origins[0]}"`, "'*'"))).toEqual(expect.arrayContaining([expect.stringMatching(/^allows origin \*/)]));
    expect(problems('express', s, good.replace(/^\/\/ In \S+/, '// Somewhere'))).toEqual([expect.stringMatching(/^no opening comment/)]);
    expect(problems('express', s, good.replace(/credentials: true,?/, ''))).toEqual(['credentials are not turned on']);
    expect(problems('aspnet', s, renderSnippet(s, 'aspnet').replace(/\.WithOrigins\([^)]*\)/, '.SetIsOriginAllowed(_ => true)'))).toEqual(
      expect.arrayContaining(['reflects: SetIsOriginAllowed(_ => true)', `the exact origin ${s.origins[0]} is missing from the code`]),
    );
    expect(problems('spring', s, renderSnippet(s, 'spring').replace(/\.allowedOrigins\([^)]*\)/, '.allowedOriginPatterns("*")'))).toContain(
      'reflects: allowedOriginPatterns("*")',
    );
    expect(problems('nginx', s, renderSnippet(s, 'nginx').replace('$cors_allow_origin always;', '$http_origin always;'))).toEqual([
      expect.stringMatching(/^unchecked \$http_origin/),
    ]);
    expect(problems('caddy', s, 'reverse_proxy x {\n\theader_down Access-Control-Allow-Origin {http.request.header.Origin}\n}')).toEqual(
      expect.arrayContaining(['reflects: an echo of {http.request.header.Origin} without an exact Origin matcher']),
    );
    expect(problems('laravel', s, renderSnippet(s, 'laravel').replace(`'allowed_origins' => ['${s.origins[0]}']`, "'allowed_origins' => ['*']"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^allows origin \*/)]),
    );
    // Comments may name what to avoid; only code counts.
    expect(code('x = 1 // never origin: true\n# never "*"')).toBe('x = 1\n');
    expect(code('proxy_pass http://a; # PLACEHOLDER: upstream')).toBe('proxy_pass http://a;');
  });

  test('no nameable origin: the placeholder origin, and one line saying why, in every stack', () => {
    const all = snippets(REPRESENTATIVE['opaque-origin']!);
    for (const [id, text] of Object.entries(all)) {
      expect(text, id).toContain(NO_ORIGIN);
      expect(
        text.split('\n').filter((l) => l.includes(NO_ORIGIN)),
        id,
      ).toHaveLength(1);
      expect(code(text).replaceAll('\\', ''), id).toContain(PLACEHOLDER_ORIGIN);
    }
  });

  test('placeholders are marked as such in a comment', () => {
    for (const s of Object.values(REPRESENTATIVE)) {
      for (const [id, text] of Object.entries(snippets(s))) {
        for (const line of text.split('\n').filter((l) => l.includes('PLACEHOLDER'))) {
          expect(line, id).toMatch(/(\/\/|#) PLACEHOLDER: \S/);
        }
      }
    }
    expect(snippets(REPRESENTATIVE['duplicate-origin']!).go).toMatch(/^\/\/ PLACEHOLDER: /m);
  });
});

/** Each stack's spelling of "credentials on", in code (not a comment). */
const CREDENTIALS_ON: Record<string, RegExp> = {
  express: /^\s*credentials: true,$/m,
  fastify: /^\s*credentials: true,$/m,
  koa: /^\s*credentials: true,$/m,
  hono: /^\s*credentials: true,$/m,
  nestjs: /^\s*credentials: true,$/m,
  nextjs: /^\s*"Access-Control-Allow-Credentials": "true",$/m,
  nginx: /add_header Access-Control-Allow-Credentials true always;/,
  apache: /Header always set Access-Control-Allow-Credentials "true"/,
  caddy: /^\s*Access-Control-Allow-Credentials true$/m,
  django: /^CORS_ALLOW_CREDENTIALS = True$/m,
  flask: /^\s*supports_credentials=True,$/m,
  fastapi: /^\s*allow_credentials=True,$/m,
  rails: /^\s*credentials: true$/m,
  go: /^\s*AllowCredentials: true,$/m,
  spring: /\.allowCredentials\(true\)/,
  'spring-security': /config\.setAllowCredentials\(true\);/,
  aspnet: /\.AllowCredentials\(\)/,
  laravel: /'supports_credentials' => true,/,
};

describe('credentials are never dropped', () => {
  test('a spec with credentials turns them on in every stack; one without never turns them off', () => {
    expect(Object.keys(CREDENTIALS_ON).sort()).toEqual([...ORDER].sort());
    fc.assert(
      fc.property(spec, (s) => {
        for (const [id, text] of Object.entries(snippets(s))) {
          const c = code(text);
          expect(CREDENTIALS_ON[id]!.test(c), `${id}: ${s.credentials}`).toBe(s.credentials);
          // Turning credentials off would remove the app's own setting that other requests need.
          expect(c, id).not.toMatch(/credentials\w*\s*[:=]+>?\s*(false|False)|AllowCredentials:\s*false|allowCredentials\(false\)/i);
          if (!s.credentials) expect(text, id).toMatch(/turn them on here too/);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile values never reach a snippet (property)', () => {
  const render = (s: FixSpec) => snippets(s);

  test('a non-origin among the origins changes nothing; with no real origin left, the placeholder', () => {
    fc.assert(
      fc.property(spec, fc.array(notAnOrigin, { minLength: 1, maxLength: 3 }), (s, bad) => {
        const mixed = { ...s, origins: [...bad, ...s.origins] };
        expect(render(mixed)).toEqual(render(s));
        const none = render({ ...s, origins: bad });
        for (const [id, text] of Object.entries(none)) {
          expect(code(text).replaceAll('\\', ''), id).toContain(PLACEHOLDER_ORIGIN);
          for (const b of bad.filter((x) => x.length >= 6)) expect(text.includes(b), `${id}: ${JSON.stringify(b)}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('non-token methods, header names and exposed headers change nothing; odd paths never appear', () => {
    fc.assert(
      fc.property(spec, fc.array(notAToken, { minLength: 1, maxLength: 2 }), (s, bad) => {
        expect(render({ ...s, methods: [...s.methods, ...bad], headers: [...bad, ...s.headers], expose: [...s.expose, ...bad] })).toEqual(render(s));
        const before = render(s);
        for (const [id, text] of Object.entries(render({ ...s, paths: [...s.paths, ...bad.map((b) => `/api/${b}/x`)] }))) {
          // (Text the snippet holds anyway, such as Laravel's "<?php", is no sign of a leak.)
          for (const b of bad.filter((x) => x.length >= 3 && !before[id as keyof typeof before].includes(x)))
            expect(text.includes(b), `${id}: ${JSON.stringify(b)}`).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  test('a cookie name that is not a token is replaced by a marked placeholder', () => {
    fc.assert(
      fc.property(notAToken, (name) => {
        for (const [id, text] of Object.entries(render({ ...COOKIES['cross-site-partitioned']!, name }))) {
          expect(text, id).toContain('PLACEHOLDER: your_cookie_name');
          if (name.length >= 3) expect(text.includes(name), `${id}: ${JSON.stringify(name)}`).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('cookie cures', () => {
  test('every stack renders the cookie spec: its name and SameSite, and nothing for a cure on the page', () => {
    for (const [name, k] of Object.entries(COOKIES)) {
      for (const [id, text] of Object.entries(snippets(k))) {
        expect(text.replaceAll('\\', ''), `${name} ${id}`).toContain(k.name);
        expect(text.toLowerCase(), `${name} ${id}`).toContain(k.sameSite.toLowerCase());
        expect(OPENING.test(text) || /^(\/\/|#) In /.test(text), `${name} ${id}: ${text.split('\n')[0]}`).toBe(true);
      }
    }
    expect(Object.values(snippets({ ...COOKIES['same-site-domain']!, name: '' }))).toEqual(ORDER.map(() => ''));
  });
});

test('a spec stored before specs had a kind (one origin, problem and path) renders as its new form', () => {
  const s = REPRESENTATIVE['preflight-status']!;
  const legacy = { origin: s.origins[0], credentials: s.credentials, methods: s.methods, headers: s.headers, problem: s.problems[0], path: s.paths[0] };
  expect(snippets(legacy as unknown as FixSpec)).toEqual(snippets(s));
});
