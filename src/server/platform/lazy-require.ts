import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at server start. Loading every library up front
 * was most of the cold start (BENCHMARKS.md, finding 8); the bundled server keeps `import`s of npm
 * packages as static imports, so only a call like this one defers them. Synchronous, so callers keep
 * their signatures; use it only for packages with a CommonJS entry (`require` condition or `main`).
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}
