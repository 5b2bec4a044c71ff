// ASP.NET Core: WithOrigins(...).AllowCredentials(); AllowAnyOrigin()+AllowCredentials() throws and
// SetIsOriginAllowed(_ => true) reflects every origin. UseCors after UseRouting and before
// UseAuthentication, so preflights are answered 204 before auth.
// https://learn.microsoft.com/aspnet/core/security/cors#middleware-order
// Cookies: the session cookie's CookieBuilder (the same on CookieAuthenticationOptions.Cookie).
import type { CookieSpec, SnippetSpec } from '../plan';
import { advice, has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, q, renderer, scopeOf } from './shared';
import { args } from './spring';

function cors(spec: SnippetSpec): string {
  const scope = scopeOf(spec);
  const policy = [
    `.WithOrigins(${args(originsOf(spec))}) // exact; never AllowAnyOrigin() or SetIsOriginAllowed(_ => true)`,
    ...(spec.credentials ? ['.AllowCredentials()'] : [`// ${KEEP_CREDENTIALS}`]),
    `.WithMethods(${args(methodsWith(spec))})`,
    ...(spec.headers.length > 0 ? [`.WithHeaders(${args(spec.headers)})`] : []),
    ...(spec.expose.length > 0 ? [`.WithExposedHeaders(${args(spec.expose)})`] : []),
  ];
  policy[policy.length - 1] = policy[policy.length - 1]!.replace(/^(\.[^/]*?)( \/\/.*)?$/, '$1));$2');
  return [
    ...intro('//', spec, 'Program.cs', 'replace your AddCors(...) policy, and put app.UseCors(...) between UseRouting() and UseAuthentication().'),
    'builder.Services.AddCors(options =>',
    '    options.AddPolicy("AppCors", policy => policy',
    ...policy.map((l) => `        ${l}`),
    ...(has(spec, 'redirect-escape')
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
    ...advice('//', spec, {
      'preflight-redirect': 'UseHttpsRedirection() answers an http:// preflight with a redirect: call the https:// URL from the page.',
      'duplicate-origin': '…and remove Access-Control-* lines from web.config <customHeaders> or the proxy (else two copies).',
    }),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '// In Program.cs: the session cookie (the same on CookieAuthenticationOptions.Cookie for cookie auth).',
    'builder.Services.AddSession(o =>',
    '{',
    `    o.Cookie.Name = ${q(k.name)};`,
    `    o.Cookie.Path = ${q(k.path)};`,
    `    o.Cookie.SameSite = SameSiteMode.${k.sameSite};`,
    '    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;',
    '    o.Cookie.HttpOnly = true;',
    ...(k.partitioned ? ['    o.Cookie.Extensions.Add("Partitioned");'] : []),
    '});',
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
