import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manifests, render } from './helpers';
import { wired } from './contexts';
import { FULL, values } from './tenants';

const labels = { 'app.kubernetes.io/managed-by': 'sccp', 'sccp.dev/tenant': 'payments' };
const NAMESPACES = ['payments-prod', 'payments-batch'];
const files = () => manifests(values(FULL), wired);

const t = suite('tenants render: a tenant that sets every field (wired platform)');

t('writes exactly the seven files of the tenant, under its folder, and the owners\' ClusterRole next to it', () => {
  assert.equal(Object.keys(files()).sort(), [
    'owner-cluster-role.yaml',
    'payments/application.yaml',
    'payments/limit-range.yaml',
    'payments/namespaces.yaml',
    'payments/network-policy.yaml',
    'payments/project.yaml',
    'payments/rbac.yaml',
    'payments/resource-quota.yaml',
  ]);
});

t('project.yaml: the AppProject fences sources, destinations, cluster kinds and guardrails; owner groups get a role', () => {
  assert.equal(files()['payments/project.yaml'], [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'payments', namespace: 'argocd', labels, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        description: 'Payments API and its workers',
        sourceRepos: ['https://git.example.com/payments/*'],
        destinations: [
          { server: 'https://kubernetes.default.svc', namespace: 'payments-prod' },
          { server: 'https://kubernetes.default.svc', namespace: 'payments-batch' },
        ],
        clusterResourceWhitelist: [{ group: 'payments.example.com', kind: 'Ledger' }],
        namespaceResourceBlacklist: [
          { group: '', kind: 'ResourceQuota' },
          { group: '', kind: 'LimitRange' },
          { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
        ],
        roles: [
          {
            name: 'owners',
            description: 'Owners of tenant payments: manage its Applications and read their logs',
            groups: ['payments-devs', 'payments-oncall'],
            policies: ['p, proj:payments:owners, applications, *, payments/*, allow', 'p, proj:payments:owners, logs, get, payments/*, allow'],
          },
        ],
      },
    },
  ]);
});

t('namespaces.yaml: user labels, tenant label, Pod Security level per namespace, never pruned', () => {
  const psa = (level: string) => ({
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/warn': level,
    'pod-security.kubernetes.io/audit': level,
  });
  assert.equal(files()['payments/namespaces.yaml'], [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-prod', labels: { 'cost-center': 'cc-1234', ...labels, ...psa('restricted') }, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' } },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-batch', labels: { ...labels, ...psa('baseline') }, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' } },
    },
  ]);
});

t('resource-quota.yaml: one ResourceQuota per namespace with every quota field and the additional entries', () => {
  const hard = {
    'requests.cpu': '8',
    'requests.memory': '16Gi',
    'limits.cpu': '16',
    'limits.memory': '32Gi',
    pods: '100',
    'requests.storage': '200Gi',
    persistentvolumeclaims: '20',
    'services.loadbalancers': '1',
    'services.nodeports': '2',
    'count/deployments.apps': '30',
  };
  assert.equal(
    files()['payments/resource-quota.yaml'],
    NAMESPACES.map((namespace) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'tenant-quota', namespace, labels }, spec: { hard } })),
  );
});

t('limit-range.yaml: one Container LimitRange per namespace', () => {
  assert.equal(
    files()['payments/limit-range.yaml'],
    NAMESPACES.map((namespace) => ({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'tenant-limits', namespace, labels },
      spec: {
        limits: [{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '500m', memory: '256Mi' }, max: { cpu: '2', memory: '4Gi' } }],
      },
    })),
  );
});

t('network-policy.yaml: default deny, DNS, same tenant, ingress controller, monitoring and the extra rules, per namespace', () => {
  const ns = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
  const sameTenant = { namespaceSelector: { matchLabels: { 'sccp.dev/tenant': 'payments' } } };
  const expected = NAMESPACES.flatMap((namespace) => {
    const policy = (name: string, spec: Record<string, unknown>) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels },
      spec: { podSelector: {}, ...spec },
    });
    return [
      policy('default-deny', { policyTypes: ['Ingress', 'Egress'] }),
      policy('allow-dns', {
        policyTypes: ['Egress'],
        egress: [{ to: [ns('kube-system')], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      }),
      policy('allow-same-tenant', { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [sameTenant] }], egress: [{ to: [sameTenant] }] }),
      policy('allow-from-ingress', { policyTypes: ['Ingress'], ingress: [{ from: [ns('traefik')] }] }),
      policy('allow-from-monitoring', { policyTypes: ['Ingress'], ingress: [{ from: [ns('monitoring')] }] }),
      policy('allow-extra-ingress', {
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.5.0/24'] } }, { ...ns('partners'), podSelector: { matchLabels: { app: 'gateway' } } }],
            ports: [
              { protocol: 'TCP', port: 8443 },
              { protocol: 'TCP', port: 'metrics' },
            ],
          },
        ],
      }),
      policy('allow-extra-egress', {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
            ports: [
              { protocol: 'TCP', port: 443 },
              { protocol: 'UDP', port: 30000, endPort: 30100 },
            ],
          },
          { to: [{ namespaceSelector: { matchLabels: { 'sccp.dev/tenant': 'ledger' } } }] },
        ],
      }),
    ];
  });
  assert.equal(files()['payments/network-policy.yaml'], expected);
});

t('rbac.yaml: owner groups then users bound to the sccp-tenant-owner ClusterRole in each namespace', () => {
  const subjects = [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'payments-devs' },
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'payments-oncall' },
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@example.com' },
  ];
  assert.equal(
    files()['payments/rbac.yaml'],
    NAMESPACES.map((namespace) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'tenant-owners', namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'sccp-tenant-owner' },
      subjects,
    })),
  );
});

t('application.yaml: the environment chart in the tenant project, into the first namespace, automated, no namespace creation', () => {
  assert.equal(files()['payments/application.yaml'], [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'payments',
        namespace: 'argocd',
        labels,
        annotations: { 'argocd.argoproj.io/sync-wave': '1' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'payments',
        source: {
          repoURL: 'https://git.example.com/payments/environments.git',
          targetRevision: 'v1.4.0',
          path: 'clusters/prod',
          helm: { valueFiles: ['values.yaml', 'values-prod.yaml'] },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-prod' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=false'] },
      },
    },
  ]);
});

t('objects of one tenant are independent copies (no shared references between namespaces)', () => {
  const f = files();
  const [a, b] = f['payments/resource-quota.yaml'];
  assert.is.not(a.spec.hard, b.spec.hard);
  const [ra, rb] = f['payments/rbac.yaml'];
  assert.is.not(ra.subjects, rb.subjects);
});

t('render output carries no chart values', () => {
  const out = render(values(FULL), wired);
  assert.equal(out.values, {});
  assert.is(out.templates, undefined);
});

t.run();
