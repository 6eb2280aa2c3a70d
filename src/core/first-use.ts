/**
 * A value built on its first use and kept. For what a start does not need: each zod schema built
 * at import costs every start, so a schema only some requests check is built by the first of them.
 */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined
  return () => (built ??= { value: build() }).value
}
