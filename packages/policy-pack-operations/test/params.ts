import { kyvernoParameters, parameters } from '../src';

/**
 * The parameters the fixtures are written for (also policies/kyverno/values.yaml): tenant shop
 * declares no LoadBalancer or NodePort Services, tenant edge declares LoadBalancer ones, tenant
 * payments is critical. kubernetesVersion is the default.
 */
export const TEST_PARAMETERS = parameters({
  tenantNamespaces: {
    edge: { tenant: 'edge', critical: false, serviceTypes: ['LoadBalancer'] },
    payments: { tenant: 'payments', critical: true, serviceTypes: [] },
    shop: { tenant: 'shop', critical: false, serviceTypes: [] },
  },
});

/** The same, as the Kyverno policies read them from the ConfigMap (values are JSON text). */
export const TEST_KYVERNO_VALUES = { sccpParameters: kyvernoParameters(TEST_PARAMETERS).data };
