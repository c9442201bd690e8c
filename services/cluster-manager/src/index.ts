// @rubin/ra-cluster-manager: the cluster manager service, for in-process use (tests, scenarios).
export { type ClusterCells, clusterStatusCells, workerCell } from './cells.ts'
export { ClusterManagerConfig } from './config.ts'
export { REBALANCE_LUA, REQUEUE_LUA } from './lua.ts'
export { isRecruitable, pickTarget, rebalanceSources, rebalanceTargets } from './rebalance.ts'
export { chooseRequeueTarget, type RequeueTarget, specialMessageAt } from './recovery.ts'
export { resetControlsFor, restartPayload } from './resets.ts'
export { clusterManagerService } from './service.ts'
export { type ClusterSnapshot, readSnapshot, type WorkerView } from './snapshot.ts'
