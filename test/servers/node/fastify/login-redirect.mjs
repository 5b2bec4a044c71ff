// Fastify + @fastify/cors: an onRequest session hook added before the plugin sends every request
// without credentials to the login page, the preflight included; Chromium refuses the redirect.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
fastify.addHook('onRequest', async (request, reply) => {
  if (request.url !== '/login' && !request.headers.authorization) return reply.redirect('/login');
});
// >>> cors setup
await fastify.register(cors, { origin: process.env.APP_ORIGIN, credentials: true });
// <<< cors setup

fastify.get('/login', async () => 'login page');
fastify.delete('/api/sessions/:id', async () => ({ ended: true }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
