export type { ServedWazzupMock, ServeOptions } from './serve/serve';
export { serveWazzupMock } from './serve/serve';
