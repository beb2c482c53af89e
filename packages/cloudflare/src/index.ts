/**
 * Everything core offers (schemas, types, errors), with a createWazzup that reads the Worker env,
 * and the browser-facing proxy.
 *
 * @module @wazzup-sdk/cloudflare
 */
export * from '@wazzup-sdk/core';
export type { WazzupEnv } from './create-wazzup';
export { createSender, createWazzup } from './create-wazzup';
export type { ProxyHandler, ProxyOptions } from './proxy/create-proxy-handler';
export { createProxyHandler } from './proxy/create-proxy-handler';
