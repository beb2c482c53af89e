// Everything core offers (schemas, types, errors), with a createWazzup that reads Deno.env.
export * from '@wazzup-sdk/core';
export { createWazzup } from './create-wazzup';
