// Hono + hono/cors: a session check registered before cors() sends every request without
// credentials to the login page, the preflight included; Chromium refuses a redirected preflight.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
app.use('/api/*', async (c, next) => {
  if (!c.req.header('Authorization')) return c.redirect('/login');
  await next();
});
// >>> cors setup
app.use('/api/*', cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.get('/login', (c) => c.html('<form>login</form>'));
app.delete('/api/sessions/:id', (c) => c.json({ ended: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
