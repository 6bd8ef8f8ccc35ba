package sccp.tenants_namespace_labels_test

import data.sccp.tenants_namespace_labels as policy

namespace(labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "payments", "labels": labels}}

test_restricted_allowed if {
	count(policy.deny) == 0 with input as namespace({"sccp.dev/tenant": "payments", "pod-security.kubernetes.io/enforce": "restricted"})
}

test_baseline_allowed if {
	count(policy.deny) == 0 with input as namespace({"sccp.dev/tenant": "payments", "pod-security.kubernetes.io/enforce": "baseline"})
}

test_privileged_denied if {
	some msg in policy.deny with input as namespace({"sccp.dev/tenant": "payments", "pod-security.kubernetes.io/enforce": "privileged"})
	startswith(msg, "tenants-namespace-labels: ")
	contains(msg, `"privileged"`)
}

test_missing_level_denied if {
	count(policy.deny) == 1 with input as namespace({"sccp.dev/tenant": "payments", "pod-security.kubernetes.io/warn": "restricted"})
}

test_empty_tenant_label_counts if {
	count(policy.deny) == 1 with input as namespace({"sccp.dev/tenant": ""})
}

test_namespace_without_labels_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "monitoring"}}
}

test_platform_namespace_ignored if {
	count(policy.deny) == 0 with input as namespace({"pod-security.kubernetes.io/enforce": "privileged"})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"sccp.dev/tenant": "payments"}}}
}
