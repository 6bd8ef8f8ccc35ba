# METADATA
# title: Workloads of critical tenants run at least two replicas
# description: >-
#   In the namespaces of a tenant marked critical (tenants[].critical), a Deployment or StatefulSet
#   must set spec.replicas to 2 or more, and a HorizontalPodAutoscaler spec.minReplicas to 2 or more
#   (both default to 1): one replica means an outage at every node drain, upgrade or eviction. The
#   critical namespaces come from parameter tenantNamespaces; workloads elsewhere are not evaluated.
#   Workloads: Deployment and StatefulSet (apps/v1), HorizontalPodAutoscaler (autoscaling/v2); a kind
#   of the same name in another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [apps]
#       kinds: [Deployment, StatefulSet]
#     - apiGroups: [autoscaling]
#       kinds: [HorizontalPodAutoscaler]
package sccp.operations_critical_replicas

# apiVersion and kind → the field that holds the replica count.
replica_fields := {
	["apps/v1", "Deployment"]: "replicas",
	["apps/v1", "StatefulSet"]: "replicas",
	["autoscaling/v2", "HorizontalPodAutoscaler"]: "minReplicas",
}

tenant_namespace := data.parameters.tenantNamespaces[input.metadata.namespace]

deny contains msg if {
	tenant_namespace.critical == true
	field := replica_fields[[input.apiVersion, input.kind]]
	replicas := object.get(input, ["spec", field], 1)
	not replicas >= 2
	msg := sprintf(
		"operations-critical-replicas: %s %s/%s: spec.%s is %v, and tenant \"%s\" is critical: run at least 2 replicas",
		[input.kind, input.metadata.namespace, input.metadata.name, field, replicas, tenant_namespace.tenant],
	)
}
