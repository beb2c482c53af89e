/**
 * Everything core offers (schemas, types, errors), with a createWazzup that sends through a proxy
 * and a createDirectClient for the whole API from a private page.
 *
 * @module @wazzup-sdk/browser
 */
export * from '@wazzup-sdk/core';
export type { BrowserWazzupOptions } from './create-wazzup';
// core's createSender takes a key without the page's dangerouslyAllowBrowser check: here it is the
// browser's createWazzup, which only sends and asks for that.
export { createDirectClient, createWazzup, createWazzup as createSender } from './create-wazzup';
