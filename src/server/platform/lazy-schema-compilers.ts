import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Factory = (...args: unknown[]) => unknown;

// Fastify's default compilers are its own dependencies, so they are resolved from fastify's install.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

/**
 * Fastify loads ajv and fast-json-stringify when an instance is created (~50–110 ms of a cold start,
 * BENCHMARKS.md finding 8), although the app compiles validators and serializers from zod on the root
 * and never calls them. These factories load them only if some route ever asks.
 */
export function lazySchemaCompilers(): Factories {
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  return {
    buildValidator: ((...args: unknown[]) => {
      validator ??= (fromFastify('@fastify/ajv-compiler') as () => Factory)();
      return validator(...args);
    }) as Factories['buildValidator'],
    buildSerializer: ((...args: unknown[]) => {
      serializer ??= (fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory)();
      return serializer(...args);
    }) as Factories['buildSerializer'],
  };
}
