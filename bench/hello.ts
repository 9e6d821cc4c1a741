/**
 * The baseline server: bare Fastify with one route, no plugins, no logging, in its own process like
 * the app. Whatever the machine and Node version give this, the app's figures are read against it.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
