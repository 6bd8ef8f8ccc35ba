import * as path from 'node:path';
import { defineFeature, groupKinds, renderTemplateFile } from '@sccp/core';
import { gatekeeperValues, NAMESPACE, UPSTREAM } from './upstream';
import { validateValues } from './validate';
import type { GatekeeperValues } from './values.generated';

export type { GatekeeperValues } from './values.generated';
export { exemptNamespaceNames, gatekeeperValues, NAMESPACE, NAMESPACE_NAME_LABEL, UPSTREAM } from './upstream';

const templates = path.join(__dirname, '..', 'templates');

export default defineFeature<GatekeeperValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'gatekeeper',
  description: 'OPA Gatekeeper: admission control with Rego policies (ConstraintTemplates, Constraints) and audit',
  namespace: NAMESPACE,
  dependsOn: [],
  // The PodMonitor is a custom resource of the prometheus feature.
  optionalDependsOn: ['prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'apiextensions.k8s.io/CustomResourceDefinition',
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ResourceQuota', 'Secret', 'Service', 'ServiceAccount', 'apps/Deployment', 'batch/Job',
      'monitoring.coreos.com/PodMonitor', 'policy/PodDisruptionBudget', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [
    {
      name: 'gatekeeper',
      version: '3.23.1',
      repository: 'https://open-policy-agent.github.io/gatekeeper/charts',
      source:
        'open-policy-agent/gatekeeper charts/gatekeeper/Chart.yaml, values.yaml, README.md and templates/ @ v3.23.1, read from the Go module zip github.com/open-policy-agent/gatekeeper/v3@v3.23.1 (h1:njHTm0SJ6ZEhhEgmQTpJKTGQbc99fSs4hGiEp1OIKck=, the module gator is built from, tools/gator/go.mod)',
    },
  ],
  // kind: one node, one webhook pod; a PDB of 1 would make the node undrainable.
  profiles: { kind: { replicas: 1, podDisruptionBudget: { minAvailable: 0 } } },
  // The chart's crds/ (ConstraintTemplate, Assign, ...) exceed the client-side apply annotation limit.
  serverSideApply: true,

  validate: validateValues,

  render(values, ctx) {
    const out: Record<string, unknown> = { gatekeeper: gatekeeperValues(values, ctx), sccp: values };
    const files: Record<string, string> = {};
    const metrics = ctx.provides.metrics;
    if (metrics) {
      out.wiring = { metrics: { labels: { ...metrics.serviceMonitorLabels }, port: UPSTREAM.metricsPort } };
      files['podmonitor.yaml'] = renderTemplateFile(path.join(templates, 'podmonitor.yaml.hbs'));
    }
    return {
      values: out,
      templates: files,
      // What the chart's post-install job sets on its own namespace, declared on the Application so
      // the namespace is exempt before the webhook exists and never drifts.
      namespaceLabels: {
        'admission.gatekeeper.sh/ignore': 'no-self-managing',
        'pod-security.kubernetes.io/enforce': 'restricted',
      },
      // Gatekeeper rotates its webhook certificate and writes the CA into the webhook
      // configurations and the certificate into this Secret: without these the Application
      // goes OutOfSync after every rotation.
      ignoreDifferences: [
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: UPSTREAM.validatingWebhook, jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
        { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: UPSTREAM.mutatingWebhook, jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
        { group: '', kind: 'Secret', name: 'gatekeeper-webhook-server-cert', namespace: NAMESPACE, jsonPointers: ['/data'] },
      ],
    };
  },
});
