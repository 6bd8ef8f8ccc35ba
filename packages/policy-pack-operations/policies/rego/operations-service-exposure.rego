# METADATA
# title: LoadBalancer and NodePort Services only where the tenant declared them
# description: >-
#   In a tenant namespace, a Service of type LoadBalancer or NodePort is refused unless the tenant
#   declared that type (tenants[].quota.loadBalancers or quota.nodePorts above 0): tenants are
#   reached through the ingress controller, and an address or node port outside it bypasses the
#   platform's TLS, network policies and monitoring. The tenant namespaces and what each declared
#   come from parameter tenantNamespaces (the platform writes them from platform.yaml); a Service in
#   any other namespace is not evaluated. Only v1 Services are evaluated (a Knative Service is not).
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Service]
package sccp.operations_service_exposure

exposed_types := {"LoadBalancer", "NodePort"}

# The namespace's entry in parameter tenantNamespaces (undefined outside tenant namespaces).
tenant_namespace := data.parameters.tenantNamespaces[input.metadata.namespace]

declared_types := {t | some t in object.get(tenant_namespace, "serviceTypes", [])}

deny contains msg if {
	input.apiVersion == "v1"
	input.kind == "Service"
	type := object.get(input, ["spec", "type"], "ClusterIP")
	type in exposed_types
	not type in declared_types
	msg := sprintf(
		"operations-service-exposure: Service %s/%s: type %s in a namespace of tenant \"%s\", which declares no %s Services (set tenants[].quota.%s in platform.yaml, or reach the workload through the ingress controller)",
		[input.metadata.namespace, input.metadata.name, type, object.get(tenant_namespace, "tenant", ""), type, quota_field[type]],
	)
}

quota_field := {"LoadBalancer": "loadBalancers", "NodePort": "nodePorts"}
