/**
 * Everything core offers (schemas, types, errors), with a createWazzup that reads Bun.env.
 *
 * @module @wazzup-sdk/bun
 */
export * from '@wazzup-sdk/core';
export { createSender, createWazzup } from './create-wazzup';
