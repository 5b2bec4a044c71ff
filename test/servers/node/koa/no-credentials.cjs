// Koa + @koa/cors: the origin is listed but `credentials: true` is missing.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN }));
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/api/cart') ctx.body = { items: [] };
});

app.listen(Number(process.env.PORT), '127.0.0.1');
