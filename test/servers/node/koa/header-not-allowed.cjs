// Koa + @koa/cors: allowHeaders lists Content-Type only; the page sends X-CSRF-Token.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true, allowHeaders: ['Content-Type'] }));
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/api/orders' && ctx.method === 'POST') {
    ctx.status = 201;
    ctx.body = { id: 1 };
  }
});

app.listen(Number(process.env.PORT), '127.0.0.1');
