// @rubin/s3-server: the embedded S3-compatible server (one machine, tests).

export { listenS3Server, type RunningS3Server, type S3ServerOptions } from './server.ts'
export { type ObjectMeta, ObjectStore, StoreError } from './store.ts'
export { startS3Server, type TestS3Server } from './testing.ts'
