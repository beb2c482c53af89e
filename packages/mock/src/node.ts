/**
 * Serves the fake Wazzup24 API over HTTP with `node:http`.
 *
 * @module @wazzup-sdk/mock/node
 */
export type { ServedWazzupMock, ServeOptions } from './serve/serve';
export { serveWazzupMock } from './serve/serve';
