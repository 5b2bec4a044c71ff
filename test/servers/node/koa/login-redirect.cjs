// Koa + @koa/cors: a session check app.use()d before cors sends every request without credentials
// to the login page, the preflight included; Chromium refuses a redirected preflight.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/login' && !ctx.get('Authorization')) return ctx.redirect('/login');
  await next();
});
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/login') ctx.body = 'login page';
  else if (ctx.path.startsWith('/api/sessions/') && ctx.method === 'DELETE') ctx.body = { ended: true };
});

app.listen(Number(process.env.PORT), '127.0.0.1');
