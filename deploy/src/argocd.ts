// ----------------------------------------------------------------------------
// One ArgoCD Application per site, syncing that site's rendered folder. The
// Applications live in their own folder (deploy/rendered/argocd), outside the
// folders they sync, so an Application never manages itself.
// ----------------------------------------------------------------------------
import { type K8sObject, MANAGED_BY, PART_OF } from './k8s.ts'
import type { SiteSpec } from './model.ts'
import { REPO_URL } from './sites.ts'

export const RENDERED_DIR = 'deploy/rendered'

export function application(site: SiteSpec): K8sObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `rapid-analysis-${site.name}`,
      namespace: 'argocd',
      labels: { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/managed-by': MANAGED_BY },
      // Delete the site's objects when the Application is deleted.
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: site.argocd.project,
      source: {
        repoURL: REPO_URL,
        targetRevision: site.argocd.targetRevision,
        path: `${RENDERED_DIR}/${site.name}`,
        directory: { recurse: false },
      },
      destination: { server: site.argocd.server, namespace: site.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      },
      // Scaling a worker set by hand during a night is allowed; ArgoCD does not fight it.
      ignoreDifferences: [{ group: 'apps', kind: 'StatefulSet', jsonPointers: ['/spec/replicas'] }],
    },
  }
}
