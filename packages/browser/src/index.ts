/**
 * Everything core offers (schemas, types, errors), with a createWazzup that sends through a proxy.
 *
 * @module @wazzup-sdk/browser
 */
export * from '@wazzup-sdk/core';
export type { BrowserWazzupOptions } from './create-wazzup';
export { createWazzup } from './create-wazzup';
