// @rubin/ra-runtime/testing: disposable real resources for integration tests.
export { startS3Server, type TestS3Server } from '@rubin/s3-server'
export { freePort, startRedisServer, type TestRedisServer } from './redis-server.ts'
