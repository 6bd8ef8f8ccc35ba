import type { RenderContext } from '@sccp/core';
import type { GatekeeperValues } from './values.generated';

/** The namespace Gatekeeper runs in (the chart exempts its release namespace by itself). */
export const NAMESPACE = 'gatekeeper-system';

/**
 * Label the API server sets on every namespace (its name, immutable). The chart turns
 * `validatingWebhookExemptNamespacesLabels` / `mutatingWebhookExemptNamespacesLabels` into
 * `NotIn` terms of the webhooks' namespaceSelector, so listing names under this key exempts those
 * namespaces without anyone labelling them (templates/gatekeeper-*-webhook-configuration-*.yaml @ v3.23.1).
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Names of the webhook configurations and of the pods' metrics port in the 3.23.1 chart. */
export const UPSTREAM = {
  validatingWebhook: 'gatekeeper-validating-webhook-configuration',
  mutatingWebhook: 'gatekeeper-mutating-webhook-configuration',
  /** containerPort name of both the controller-manager and the audit container (8888). */
  metricsPort: 'metrics',
} as const;

/** Exact namespace names exempt from admission: platform namespaces (when asked) and the listed ones, sorted, without Gatekeeper's own. */
export function exemptNamespaceNames(values: GatekeeperValues, ctx: RenderContext): string[] {
  const ex = values.exemptNamespaces ?? {};
  const names = new Set<string>(ex.namespaces ?? ['kube-system']);
  if (ex.platform ?? true) for (const ns of Object.values(ctx.namespaces)) names.add(ns);
  names.delete(ctx.feature.namespace);
  return [...names].sort();
}

function placement(p: { nodeSelector?: Record<string, string>; tolerations?: unknown[] } | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p?.nodeSelector && Object.keys(p.nodeSelector).length) out.nodeSelector = p.nodeSelector;
  if (p?.tolerations?.length) out.tolerations = p.tolerations;
  return out;
}

/**
 * Values handed to the upstream `gatekeeper` chart (3.23.1). Every key exists in that chart's
 * values.yaml, except `emitAdmissionEvents` / `emitAuditEvents`: the 3.23.1 templates read them
 * behind `hasKey` and the chart README documents them (default false), but values.yaml no longer
 * lists them, so they are only written when turned on. `UPSTREAM_KEYS` (test) lists every path.
 */
export function gatekeeperValues(values: GatekeeperValues, ctx: RenderContext): Record<string, unknown> {
  const exempt = exemptNamespaceNames(values, ctx);
  const exemptLabels = exempt.length ? { [NAMESPACE_NAME_LABEL]: exempt } : {};
  const events = values.events ?? {};
  const audit = values.audit ?? {};
  const out: Record<string, unknown> = {
    replicas: values.replicas ?? 3,
    pdb: { controllerManager: { minAvailable: values.podDisruptionBudget?.minAvailable ?? 1 } },
    logLevel: values.logLevel ?? 'INFO',
    logDenies: values.logDenies ?? false,
    validatingWebhookFailurePolicy: values.webhook?.failurePolicy ?? 'Ignore',
    validatingWebhookTimeoutSeconds: values.webhook?.timeoutSeconds ?? 3,
    validatingWebhookExemptNamespacesLabels: exemptLabels,
    // DELETE requests reach the webhook too: the tenants feature's guardrails policy refuses deleting
    // a tenant's quota, limit range, NetworkPolicies and RoleBindings (chart default: CREATE, UPDATE).
    enableDeleteOperations: true,
    disableMutation: !(values.mutation ?? false),
    mutatingWebhookExemptNamespacesLabels: exemptLabels,
    // The PodMonitor (templates/podmonitor.yaml) scrapes the Prometheus exporter.
    metricsBackends: ['prometheus'],
    auditInterval: audit.interval ?? 60,
    constraintViolationsLimit: audit.constraintViolationsLimit ?? 20,
    auditMatchKindOnly: audit.matchKindOnly ?? false,
    admissionEventsInvolvedNamespace: events.involvedNamespace ?? false,
    auditEventsInvolvedNamespace: events.involvedNamespace ?? false,
    controllerManager: {
      exemptNamespaces: exempt,
      exemptNamespacePrefixes: values.exemptNamespaces?.prefixes ?? [],
      ...(values.resources ? { resources: values.resources } : {}),
      ...placement(values.placement),
    },
    audit: {
      ...(audit.resources ? { resources: audit.resources } : {}),
      ...placement(audit.placement),
    },
  };
  if (events.admission) out.emitAdmissionEvents = true;
  if (events.audit) out.emitAuditEvents = true;
  return out;
}
