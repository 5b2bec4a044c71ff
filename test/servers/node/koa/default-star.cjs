// Koa + @koa/cors with its defaults: `Access-Control-Allow-Origin: *`, which a credentialed
// request can never use (@koa/cors README: origin defaults to '*').
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
// >>> cors setup
app.use(cors());
// <<< cors setup

app.use(async (ctx) => {
  if (ctx.path === '/api/me') ctx.body = { user: 'ada' };
});

app.listen(Number(process.env.PORT), '127.0.0.1');
