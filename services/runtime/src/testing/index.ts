// @rubin/ra-runtime/testing: disposable real resources for integration tests.
export { startS3Server, type TestS3Server } from '@rubin/s3-server'
export { freePort } from './free-port.ts'
export {
  createScratchDatabase,
  POSTGRES_ADMIN_URL,
  type ScratchDatabase,
  startTcpProxy,
  type TcpProxy,
} from './postgres.ts'
export { startRedisServer, type TestRedisServer } from './redis-server.ts'
