// Fastify + @fastify/cors: an onRequest auth hook added before the plugin runs first, so the
// preflight (no Authorization header) is answered 401.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
fastify.addHook('onRequest', async (request, reply) => {
  if (!request.headers.authorization) return reply.code(401).send({ error: 'login required' });
});
// >>> cors setup
await fastify.register(cors, { origin: process.env.APP_ORIGIN, credentials: true });
// <<< cors setup

fastify.delete('/api/sessions/:id', async () => ({ ended: true }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
