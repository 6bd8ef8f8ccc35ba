import type { Tenant, TenantsValues } from '../src';

/** A tenant that sets every field. */
export const FULL: Tenant = {
  name: 'payments',
  description: 'Payments API and its workers',
  owners: { groups: ['payments-devs', 'payments-oncall'], users: ['alice@example.com'] },
  namespaces: [
    { name: 'payments-prod', labels: { 'cost-center': 'cc-1234' } },
    { name: 'payments-batch', podSecurity: 'baseline' },
  ],
  quota: {
    cpu: '8',
    memory: '16Gi',
    limitsCpu: '16',
    limitsMemory: '32Gi',
    pods: 100,
    storage: '200Gi',
    persistentVolumeClaims: 20,
    loadBalancers: 1,
    nodePorts: 2,
    additional: { 'count/deployments.apps': '30' },
  },
  limitRange: { defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '500m', memory: '256Mi' }, max: { cpu: '2', memory: '4Gi' } },
  networkPolicy: {
    extraIngress: [
      {
        from: [{ cidr: '10.20.0.0/16', except: ['10.20.5.0/24'] }, { namespace: 'partners', podLabels: { app: 'gateway' } }],
        ports: [{ port: 8443 }, { port: 'metrics', protocol: 'TCP' }],
      },
    ],
    extraEgress: [
      { to: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }], ports: [{ port: 443 }, { port: 30000, endPort: 30100, protocol: 'UDP' }] },
      { to: [{ namespaceLabels: { 'sccp.dev/tenant': 'ledger' } }] },
    ],
  },
  sourceRepos: ['https://git.example.com/payments/*'],
  clusterResourceAllowList: [{ group: 'payments.example.com', kind: 'Ledger' }],
  environment: {
    repoURL: 'https://git.example.com/payments/environments.git',
    path: 'clusters/prod',
    revision: 'v1.4.0',
    type: 'helm',
    helm: { valueFiles: ['values.yaml', 'values-prod.yaml'] },
  },
};

/** The least a tenant needs: a name, an owner and an environment. */
export const MINIMAL: Tenant = {
  name: 'shop',
  owners: { groups: ['shop-devs'] },
  environment: { repoURL: 'https://git.example.com/shop/deploy.git' },
};

export const values = (...tenants: Tenant[]): TenantsValues => ({ tenants });
