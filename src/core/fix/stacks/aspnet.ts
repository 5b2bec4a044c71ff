// ASP.NET Core: WithOrigins(...).AllowCredentials(); AllowAnyOrigin()+AllowCredentials() throws and
// SetIsOriginAllowed(_ => true) reflects every origin. UseCors before UseAuthentication.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, problemNote, q } from './shared';

export function aspnet(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const note = problemNote(spec.problem);
  return [
    ...(note ? [`// ${note}`] : []),
    'builder.Services.AddCors(options => options.AddPolicy("app", policy => policy',
    `    .WithOrigins(${q(spec.origin)}) // never AllowAnyOrigin() or SetIsOriginAllowed(_ => true)`,
    ...(spec.credentials ? ['    .AllowCredentials()'] : []),
    `    .WithMethods(${methodsWith(spec).map(q).join(', ')})`,
    ...(spec.headers.length > 0 ? [`    .WithHeaders(${spec.headers.map(q).join(', ')})`] : []),
    '));',
    '',
    'app.UseRouting();',
    'app.UseCors("app");        // before authentication, so preflights are answered 204',
    'app.UseAuthentication();',
    'app.UseAuthorization();',
    ...(spec.problem === 'redirect-escape'
      ? ['// Cookie auth: answer API calls 401 instead of redirecting to the login page:', '// options.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = 401; return Task.CompletedTask; };']
      : []),
  ].join('\n');
}
