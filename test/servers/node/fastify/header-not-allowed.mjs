// Fastify + @fastify/cors: `allowedHeaders` names Content-Type only, and the page sends
// X-CSRF-Token too, so the preflight's Access-Control-Allow-Headers does not cover it.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
// >>> cors setup
await fastify.register(cors, { origin: process.env.APP_ORIGIN, credentials: true, allowedHeaders: ['Content-Type'] });
// <<< cors setup

fastify.post('/api/orders', async (request, reply) => reply.code(201).send({ id: 1 }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
