// Rails rack-cors: insert_before 0 so nothing answers first; explicit origins (origins "*" with
// credentials raises). rack-cors upper-cases methods in Access-Control-Allow-Methods.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const methods = [...new Set([...methodsWith(spec), 'OPTIONS'].map((m) => `:${m.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`))];
  const path = spec.path.endsWith('/') ? `${spec.path}*` : spec.path;
  return [
    ...intro('#', spec, 'config/initializers/cors.rb', 'replace the whole file (gem "rack-cors" in the Gemfile).'),
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    `    origins ${q(spec.origin)} # exact; never "*" with credentials`,
    `    resource ${q(path)},`,
    `      headers: ${spec.headers.length > 0 ? `[${spec.headers.map(q).join(', ')}]` : '[]'},`,
    `      methods: [${methods.join(', ')}]${spec.credentials ? ',' : ''}`,
    ...(spec.credentials ? ['      credentials: true'] : []),
    '  end',
    'end',
    ...(spec.problem === 'redirect-escape' ? ['# API controllers: head :unauthorized instead of redirect_to login_path for fetch/XHR calls.'] : []),
  ].join('\n');
}
