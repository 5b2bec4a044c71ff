// Koa + @koa/cors: origin and credentials are right, but `allowMethods` lists GET and POST only,
// so the preflight for a PATCH does not allow it.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true, allowMethods: 'GET,POST' }));
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/api/profile' && ctx.method === 'PATCH') ctx.body = { saved: true };
});

app.listen(Number(process.env.PORT), '127.0.0.1');
