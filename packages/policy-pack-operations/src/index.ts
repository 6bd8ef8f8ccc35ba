import * as path from 'node:path';
import { definePolicyPack, parametersConfigMap } from '@sccp/core';

/** Parameters of the operations pack (Rego `data.parameters`, Gatekeeper Constraint `spec.parameters`). */
export interface OperationsParameters {
  /**
   * The newest Kubernetes minor version the platform runs on, `1.<minor>` (the platform sets its
   * profile's newest). An API version deprecated or removed in it or before is refused.
   */
  kubernetesVersion: string;
  /**
   * The tenants' namespaces, by name (the platform writes them from platform.yaml): the tenant, the
   * Service types beyond ClusterIP it declared (operations-service-exposure) and whether it is
   * critical (operations-critical-replicas). A namespace not listed is not a tenant's.
   */
  tenantNamespaces: Record<string, TenantNamespace>;
}

/** What the pack knows of one tenant namespace. */
export interface TenantNamespace {
  tenant: string;
  critical: boolean;
  serviceTypes: ExposedServiceType[];
}

/** The Service types that expose a workload outside the ingress controller. */
export type ExposedServiceType = 'LoadBalancer' | 'NodePort';
export const EXPOSED_SERVICE_TYPES: readonly ExposedServiceType[] = ['LoadBalancer', 'NodePort'];

/** The defaults every engine applies without parameters (kept equal to the Rego and Kyverno defaults by a test). */
export const PARAMETER_DEFAULTS: OperationsParameters = { kubernetesVersion: '1.37', tenantNamespaces: {} };

/** Where the Kyverno policies of the pack read their parameters (namespace of the kyverno feature). */
export const PARAMETERS_CONFIGMAP = { namespace: 'kyverno', name: 'sccp-policy-pack-operations' } as const;

/** openAPIV3Schema of the parameters (the Gatekeeper ConstraintTemplates' parameter schema). */
export const PARAMETERS_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    kubernetesVersion: { type: 'string', pattern: '^1\\.[0-9]+$' },
    tenantNamespaces: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          tenant: { type: 'string' },
          critical: { type: 'boolean' },
          serviceTypes: { type: 'array', items: { type: 'string', enum: [...EXPOSED_SERVICE_TYPES] } },
        },
      },
    },
  },
};

/** The parameters with defaults filled in. */
export function parameters(over: Partial<OperationsParameters> = {}): OperationsParameters {
  const kubernetesVersion = over.kubernetesVersion ?? PARAMETER_DEFAULTS.kubernetesVersion;
  if (typeof kubernetesVersion !== 'string' || !/^1\.[0-9]{1,3}$/.test(kubernetesVersion))
    throw new Error(`policy pack operations: kubernetesVersion must be 1.<minor>, e.g. "1.37", got ${JSON.stringify(kubernetesVersion)}`);
  const tenantNamespaces: Record<string, TenantNamespace> = {};
  for (const ns of Object.keys(over.tenantNamespaces ?? {}).sort()) {
    const t = over.tenantNamespaces![ns];
    const serviceTypes = [...new Set(t.serviceTypes ?? [])].sort();
    for (const type of serviceTypes)
      if (!EXPOSED_SERVICE_TYPES.includes(type)) throw new Error(`policy pack operations: tenantNamespaces.${ns}.serviceTypes: ${JSON.stringify(type)} is not one of ${EXPOSED_SERVICE_TYPES.join(', ')}`);
    if (typeof t.tenant !== 'string' || !t.tenant) throw new Error(`policy pack operations: tenantNamespaces.${ns}.tenant must name the tenant`);
    tenantNamespaces[ns] = { tenant: t.tenant, critical: t.critical === true, serviceTypes };
  }
  return { kubernetesVersion, tenantNamespaces };
}

/** The ConfigMap the Kyverno policies read (added to the bundled policies when admission is kyverno). */
export function kyvernoParameters(over: Partial<OperationsParameters> = {}): Record<string, any> {
  return parametersConfigMap(PARAMETERS_CONFIGMAP.name, PARAMETERS_CONFIGMAP.namespace, { ...parameters(over) });
}

export default definePolicyPack({
  packageDir: path.join(__dirname, '..'),
  name: 'operations',
  description:
    'Operations: no API version that the platform\'s Kubernetes versions deprecate or removed (k8s.io/api\'s own API lifecycle), LoadBalancer and NodePort Services only where a tenant declared them, at least two replicas for the workloads of critical tenants',
});
