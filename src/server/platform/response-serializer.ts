import { isDeepStrictEqual } from 'node:util';
import type FastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { lazyRequire } from './lazy-require.js';

// Loaded with the first response that needs it, not at start (cold start, BENCHMARKS.md finding 8).
const fastJson = lazyRequire<typeof FastJson>('fast-json-stringify');

/**
 * Responses are written by fast-json-stringify, compiled from each route's zod response schema.
 *
 * Validating every response with zod (fastify-type-provider-zod's serializer) was ~10 % of a list
 * request and ~6 % of a GET by id (BENCHMARKS.md, findings 2 and 3). The compiled writer keeps what
 * matters in production: only the schema's properties reach the client (extra row columns are
 * dropped, as zod's parse dropped them) and a missing required property still fails. Under test
 * (`checked`) zod still validates every response and the compiled writer must produce the same
 * JSON, so contract tests catch both schema drift and any difference between the two.
 */
export function createResponseSerializer({ checked }: { checked: boolean }): FastifySerializerCompiler<ZodType> {
  return (route) => {
    const zodWrite = zodSerializerCompiler(route as never) as (data: unknown) => string;
    let fast: ((data: unknown) => string) | undefined;
    // Compiled on first use: a few ms per schema, so start-up does not pay for routes never called.
    const write = (data: unknown) => {
      fast ??= compile(route.schema) ?? zodWrite;
      return fast(data);
    };
    if (!checked) return write;
    return (data: unknown) => {
      const expected = zodWrite(data);
      const actual = write(data);
      if (!isDeepStrictEqual(JSON.parse(actual), JSON.parse(expected))) {
        throw new Error(`The compiled serializer of ${route.method} ${route.url} differs from zod:\n${actual}\n${expected}`);
      }
      return expected;
    };
  };
}

const compiled = new WeakMap<ZodType, (data: unknown) => string>();

/** undefined when fast-json-stringify cannot take the schema: the route then keeps zod's serializer. */
function compile(schema: ZodType): ((data: unknown) => string) | undefined {
  const hit = compiled.get(schema);
  if (hit) return hit;
  try {
    const json = lean(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }));
    const write = fastJson()(json as Parameters<typeof FastJson>[0]) as (data: unknown) => string;
    compiled.set(schema, write);
    return write;
  } catch {
    return undefined;
  }
}

/** Keywords that only validate: writing ignores them, and fast-json-stringify would run ajv for them inside anyOf. */
const VALIDATION_ONLY = new Set([
  '$schema',
  'description',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'propertyNames',
  'examples',
]);

/**
 * The JSON schema without validation keywords, and `anyOf [X, null]` (zod's nullable) as a type
 * list, which fast-json-stringify writes with a null check instead of trying each branch with ajv.
 * Date-time strings stay strings: zod's output type for them is already the ISO text.
 */
function lean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(lean);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (VALIDATION_ONLY.has(k)) continue;
    // Undeclared properties are never written anyway; `false` would only make ajv reject a union
    // branch for a property zod strips (fast-json-stringify picks anyOf/oneOf branches with ajv).
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = k === 'properties' || k === '$defs' || k === 'definitions' ? mapValues(v as Record<string, unknown>) : lean(v);
  }
  const anyOf = out.anyOf as Record<string, unknown>[] | undefined;
  if (anyOf?.length === 2) {
    const nul = anyOf.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = anyOf[1 - nul];
    if (nul >= 0 && typeof other?.type === 'string' && other.type !== 'null' && !('const' in other)) {
      delete out.anyOf;
      // ajv checks enum before type when it matches a union branch, so null joins the enum too.
      return { ...out, ...other, type: [other.type, 'null'], ...(Array.isArray(other.enum) && { enum: [...other.enum, null] }) };
    }
  }
  return out;
}

const mapValues = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, lean(v)]));
