/**
 * Everything core offers (schemas, types, errors), with a createWazzup that reads Deno.env.
 *
 * @module @wazzup-sdk/deno
 */
export * from '@wazzup-sdk/core';
export { createSender, createWazzup } from './create-wazzup';
