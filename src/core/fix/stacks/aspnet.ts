// ASP.NET Core: WithOrigins(...).AllowCredentials(); AllowAnyOrigin()+AllowCredentials() throws and
// SetIsOriginAllowed(_ => true) reflects every origin. UseCors after UseRouting and before
// UseAuthentication, so preflights are answered 204 before auth.
// https://learn.microsoft.com/aspnet/core/security/cors#middleware-order
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, pathScope, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const scope = pathScope(spec.path);
  const policy = [
    `.WithOrigins(${q(spec.origin)}) // exact; never AllowAnyOrigin() or SetIsOriginAllowed(_ => true)`,
    ...(spec.credentials ? ['.AllowCredentials()'] : []),
    `.WithMethods(${methodsWith(spec).map(q).join(', ')})`,
    ...(spec.headers.length > 0 ? [`.WithHeaders(${spec.headers.map(q).join(', ')})`] : []),
  ];
  policy[policy.length - 1] = policy[policy.length - 1]!.replace(/^(\.[^/]*?)( \/\/.*)?$/, '$1));$2');
  return [
    ...intro('//', spec, 'Program.cs', 'replace your AddCors(...) policy, and put app.UseCors(...) between UseRouting() and UseAuthentication().'),
    'builder.Services.AddCors(options =>',
    '    options.AddPolicy("AppCors", policy => policy',
    ...policy.map((l) => `        ${l}`),
    ...(spec.problem === 'redirect-escape'
      ? [
          '// Cookie auth: API calls get 401 instead of a redirect to the login page (pages keep the redirect).',
          '// With AddCookie(options => …) instead of Identity, set the same event there.',
          'builder.Services.ConfigureApplicationCookie(options =>',
          '    options.Events.OnRedirectToLogin = context =>',
          '    {',
          ...(scope === ''
            ? ['        context.Response.StatusCode = StatusCodes.Status401Unauthorized;']
            : [
                `        if (context.Request.Path.StartsWithSegments(${q(scope)})) context.Response.StatusCode = StatusCodes.Status401Unauthorized;`,
                '        else context.Response.Redirect(context.RedirectUri);',
              ]),
          '        return Task.CompletedTask;',
          '    });',
        ]
      : []),
    '',
    '// after var app = builder.Build();',
    'app.UseRouting();',
    'app.UseCors("AppCors"); // before authentication: preflights are answered 204, 401s carry the headers',
    '// With one listed origin ASP.NET Core sends no Vary: Origin (CorsService.PopulateResult); add it for caches.',
    'app.Use((context, next) => { context.Response.Headers.Append("Vary", "Origin"); return next(context); });',
    'app.UseAuthentication();',
    'app.UseAuthorization();',
    ...advice('//', spec.problem, {
      'preflight-redirect': 'UseHttpsRedirection() answers an http:// preflight with a redirect: call the https:// URL from the page.',
      'duplicate-origin': '…and remove Access-Control-* lines from web.config <customHeaders> or the proxy (else two copies).',
    }),
  ].join('\n');
}
