# Tenant namespaces enforce a Pod Security level: a Namespace labelled sccp.dev/tenant must carry
# pod-security.kubernetes.io/enforce set to restricted or baseline. Same rule as
# policies/kyverno/tenants-namespace-labels.yaml.
package sccp.tenants_namespace_labels

allowed_levels := {"restricted", "baseline"}

deny contains msg if {
	input.apiVersion == "v1"
	input.kind == "Namespace"
	tenant := input.metadata.labels["sccp.dev/tenant"]
	level := object.get(input.metadata.labels, "pod-security.kubernetes.io/enforce", "")
	not level in allowed_levels
	msg := sprintf(
		"tenants-namespace-labels: Namespace %s of tenant \"%s\" must set pod-security.kubernetes.io/enforce to restricted or baseline, not \"%s\"",
		[input.metadata.name, tenant, level],
	)
}
