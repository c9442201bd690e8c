// ----------------------------------------------------------------------------
// Offline schema validation: each rendered object is checked against the
// Kubernetes OpenAPI schema of its kind (kubernetes-models, ajv underneath),
// and the ArgoCD Application against its CRD schema (@kubernetes-models/argo-cd).
// ----------------------------------------------------------------------------
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1'
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1'
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1'
import type { K8sObject } from '../src/index.ts'

type Model = new (data: never) => { validate(): void }

const MODELS: Readonly<Record<string, Model>> = {
  'v1/Namespace': Namespace as unknown as Model,
  'v1/ConfigMap': ConfigMap as unknown as Model,
  'v1/Service': Service as unknown as Model,
  'apps/v1/Deployment': Deployment as unknown as Model,
  'apps/v1/StatefulSet': StatefulSet as unknown as Model,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as Model,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as Model,
  'networking.k8s.io/v1/Ingress': Ingress as unknown as Model,
  'argoproj.io/v1alpha1/Application': Application as unknown as Model,
}

/** Throws with the schema errors, or when the kind has no schema here. */
export function validateObject(object: K8sObject): void {
  const model = MODELS[`${object.apiVersion}/${object.kind}`]
  if (!model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`)
  new model(structuredClone(object) as never).validate()
}
