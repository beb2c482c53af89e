// Everything core offers (schemas, types, errors), with a createWazzup that reads Bun.env.
export * from '@wazzup-sdk/core';
export { createWazzup } from './create-wazzup';
