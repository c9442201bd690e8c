// The deployment generator's public surface (used by the tests and the CLI).
export { aclFile, aclLine, aclUser, CONSUMING_READS } from './acl.ts'
export { application, RENDERED_DIR } from './argocd.ts'
export { controlsTable, TABLE_BEGIN, TABLE_END, withControlsTable } from './controls-table.ts'
export { HTTP_PORT, HTTP_PORT_NAME, type K8sObject } from './k8s.ts'
export { DEPLOY_SITES, type DeploySite, type SiteSpec } from './model.ts'
export {
  INTERPOLATION_ONLY,
  REDIS_PASSWORD_ENV,
  redisUsers,
  rubintvLocations,
  type Workload,
  workloads,
} from './processes.ts'
export { renderAll, siteFiles, toYaml } from './render.ts'
export { SITES } from './sites.ts'
export { GUIDE, ROOT, renderTree, staleFiles } from './tree.ts'
export { detectorsServed, type StatefulWorkerSet, serviceOfFlavour, workerSets } from './worker-sets.ts'
