// The mechanics the Debian cases rely on, without a server: bundles split into files, nginx's
// two-part snippet splits where it says, and `a2enmod` loads what the Apache snippet names.
import { describe, expect, it } from 'vitest';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { cors } from '../../unit/snippets/specs';
import { parts } from './case';
import { a2enmod, files, loadedModules } from './launch';

const spec = cors({ origin: 'http://localhost:5173', credentials: true, methods: ['PUT'], headers: ['authorization'], problem: 'preflight-status', path: '/api/me' });
const render = (id: 'nginx' | 'apache') => renderSnippet(spec, id);

describe('Debian case mechanics', () => {
  it('splits a bundle into its files, text kept as written', () => {
    const out = files('#### file: a.conf\nx {\n}\n#### file: dir/b\n\ny\n\n');
    expect([...out.entries()]).toEqual([
      ['a.conf', 'x {\n}\n'],
      ['dir/b', '\ny\n'],
    ]);
  });

  it("splits nginx's snippet into the http {} part and the location part, losing no line", () => {
    const snippet = render('nginx');
    const [http, location, ...rest] = parts(snippet);
    expect(rest).toEqual([]);
    expect(http).toMatch(/^# In \S+: /);
    expect(http).toContain('map $http_origin $cors_allow_origin {');
    expect(location!.split('\n')[0]).toMatch(/^# \(2\) /);
    expect(location).toContain('return 204;');
    expect(`${http}\n${location}`).toBe(snippet);
  });

  it('loads exactly the modules the Apache snippet tells a2enmod to enable, once', () => {
    const snippet = render('apache');
    const config = 'LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n';
    expect(a2enmod(config, snippet)).toBe('LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\nLoadModule setenvif_module /usr/lib/apache2/modules/mod_setenvif.so');
    expect(a2enmod(`${config}LoadModule rewrite_module x.so\nLoadModule setenvif_module y.so\n`, snippet)).toBe('');
    expect(a2enmod(config, snippet.replace(/a2enmod .*/, 'enable the modules'))).toBe('');
    expect(loadedModules(config)).toEqual(['headers']);
  });
});
