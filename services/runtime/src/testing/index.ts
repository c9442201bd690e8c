// @rubin/ra-runtime/testing: disposable real resources for integration tests.
export { freePort, startRedisServer, type TestRedisServer } from './redis-server.ts'
