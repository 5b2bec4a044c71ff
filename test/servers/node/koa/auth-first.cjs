// Koa + @koa/cors: the auth middleware is app.use()d before cors, so the preflight (no
// Authorization header) is thrown a 401 before cors can answer it.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
app.use(async (ctx, next) => {
  if (!ctx.get('Authorization')) ctx.throw(401, 'login required');
  await next();
});
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/api/profile' && ctx.method === 'PUT') ctx.body = { saved: true };
});

app.listen(Number(process.env.PORT), '127.0.0.1');
