// Every kind of snippet for the three config-file servers, pasted into a real config and checked
// by the server's own parser (nginx -t, apache2 -t, caddy validate): the problems the browser
// suite does not reach (redirects, no credentials, the site root, hostile header tokens) included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FixSpec, SnippetSpec } from '../../../src/core/fix/plan';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { COOKIES, cors, REPRESENTATIVE } from '../../unit/snippets/specs';
import { pasteAll } from './case';
import { requirePackages, writeBundle, type DebStack } from './launch';

const here = dirname(fileURLToPath(import.meta.url));
const HOSTILE: SnippetSpec = cors({ origin: 'https://app.example', credentials: true, methods: ['PUT', 'X$Y', 'A%B'], headers: ['x-$a', 'x-%t', "x-#$b'c"], expose: ['x-$e'], problem: 'allow-headers', path: '/a(b$/c' });
/** Every value hostile: non-origins (dropped: the placeholder is written), odd paths, tokens with $ % # ' ` |. */
const HOSTILE_ORIGINS: SnippetSpec = { ...HOSTILE, origins: ['https://a.example"; return 200; #', 'https://b.example}\n\trespond 200', '$http_cookie', '%{HTTP_COOKIE}e'], methods: ['PUT', "A'`|^~!"] };
const SPECS: [string, FixSpec][] = [
  ...Object.entries(REPRESENTATIVE),
  ['hostile tokens', HOSTILE],
  ['hostile origins', HOSTILE_ORIGINS],
  ...Object.entries(COOKIES),
  ['cookie named with $ % # and quotes', { ...COOKIES['cross-site-partitioned']!, name: "s$id%x#y'z" }],
  ['cookie named like a regex', { ...COOKIES['same-site-domain']!, name: '~.*' }],
  ['cookie with a name that is no token', { ...COOKIES['same-site-domain']!, name: 'a"b {c}' }],
];

/** A site with an API location whose (empty) CORS region the snippet fills. */
const SITES: Record<'nginx' | 'apache' | 'caddy', string> = {
  nginx: '#### file: sites-enabled/api\nserver {\n    listen 127.0.0.1:{{PORT}};\n    location /api/ {\n        # >>> cors\n        # <<< cors\n        proxy_pass http://127.0.0.1:9;\n    }\n}\n',
  apache: '#### file: sites-enabled/api.conf\n<VirtualHost 127.0.0.1:{{PORT}}>\n    ProxyPass "/api/" "http://127.0.0.1:9/api/"\n    # >>> cors\n    # <<< cors\n</VirtualHost>\n',
  caddy: 'http://:{{PORT}} {\n\tbind 127.0.0.1\n\t# >>> cors\n\t# <<< cors\n\treverse_proxy 127.0.0.1:9\n}\n',
};

const CHECK: Record<keyof typeof SITES, (dir: string) => [string, string[]]> = {
  nginx: (dir) => ['/usr/sbin/nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', `pid ${dir}/nginx.pid;`]],
  apache: (dir) => ['/usr/sbin/apache2', ['-t', '-d', dir, '-f', join(dir, 'httpd.conf')]],
  caddy: (dir) => ['/usr/bin/caddy', ['validate', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile']],
};

function check(stack: keyof typeof SITES, spec: FixSpec, mutate = (snippet: string) => snippet): string {
  const base = readFileSync(join(here, stack, '_base.bundle'), 'utf8');
  const spot = { begin: '# >>> cors', end: '# <<< cors' };
  const source = base + SITES[stack];
  const snippet = mutate(renderSnippet(spec, stack));
  const paste = pasteAll(stack as DebStack, spot);
  const dir = mkdtempSync(join(tmpdir(), `cci-syntax-${stack}-`));
  try {
    writeBundle(paste ? paste(source, snippet) : source.replace('\t# >>> cors\n\t# <<< cors\n', `${snippet}\n`), dir, 8);
    const [cmd, args] = CHECK[stack](dir);
    try {
      execFileSync(cmd, args, { env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, stdio: 'pipe' });
      return 'ok';
    } catch (e) {
      return String((e as { stderr?: Buffer }).stderr ?? e);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One typo per stack, to show the check reads the snippet: a lost `;`, a misspelt table, a lost `}`. */
const TYPO: Record<keyof typeof SITES, (snippet: string) => string> = {
  nginx: (t) => t.replace('return 204;', 'return 204'),
  apache: (t) => t.replace('Header always set', 'Header allways set'),
  caddy: (t) => t.replace(/\n}\n/, '\n'),
};

describe.each(['nginx', 'apache', 'caddy'] as const)('%s parses every kind of snippet', (stack) => {
  it.each(SPECS)('%s', (_name, spec) => {
    requirePackages(stack);
    expect(check(stack, spec)).toBe('ok');
  });

  it('refuses the same paste with one typo in it', () => {
    expect(check(stack, REPRESENTATIVE['preflight-status']!, TYPO[stack])).not.toBe('ok');
  });
});
