import * as v from 'valibot';
import type { UnknownKeys } from './exact-object';

/**
 * A schema built the first time it runs rather than at import: a valibot `lazy` schema around
 * `build`, which it calls once. Importing core then builds none of its schemas, which was about
 * 1.8 ms of the 2–4 ms that importing it cost on Node beyond ofetch and valibot, and a program pays
 * only for the routes and webhooks it uses.
 */
// @__NO_SIDE_EFFECTS__
export function deferred<const TSchema extends v.GenericSchema>(
  build: () => TSchema,
): v.LazySchema<TSchema> {
  let schema: TSchema | undefined;
  return v.lazy(() => {
    schema ??= build();
    return schema;
  });
}

/**
 * A schema factory per {@link UnknownKeys} mode, each built the first time it is asked for: a
 * client that passes unknown keys gets its own copy, and the default one stays as it is.
 */
// @__NO_SIDE_EFFECTS__
export function perMode<T>(
  build: (unknownKeys: UnknownKeys) => T,
): (unknownKeys: UnknownKeys) => T {
  const built: Partial<Record<UnknownKeys, T>> = {};
  return (mode) => {
    built[mode] ??= build(mode);
    return built[mode];
  };
}
