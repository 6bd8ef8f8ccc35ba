package sccp.operations_critical_replicas_test

import data.sccp.operations_critical_replicas as policy

params := {"tenantNamespaces": {
	"payments": {"tenant": "payments", "critical": true, "serviceTypes": []},
	"shop": {"tenant": "shop", "critical": false, "serviceTypes": []},
}}

deployment(ns, spec) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": ns}, "spec": spec}

test_unset_replicas_denied_in_critical_namespace if {
	some msg in policy.deny with input as deployment("payments", {}) with data.parameters as params
	msg == "operations-critical-replicas: Deployment payments/api: spec.replicas is 1, and tenant \"payments\" is critical: run at least 2 replicas"
}

test_two_replicas_allowed if {
	count(policy.deny) == 0 with input as deployment("payments", {"replicas": 2}) with data.parameters as params
}

test_zero_replicas_denied if {
	count(policy.deny) == 1 with input as deployment("payments", {"replicas": 0}) with data.parameters as params
}

test_not_critical_or_no_parameters_allowed if {
	count(policy.deny) == 0 with input as deployment("shop", {"replicas": 1}) with data.parameters as params
	count(policy.deny) == 0 with input as deployment("payments", {"replicas": 1})
}

test_hpa_min_replicas if {
	hpa := {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "api", "namespace": "payments"}, "spec": {"maxReplicas": 4}}
	some msg in policy.deny with input as hpa with data.parameters as params
	contains(msg, "spec.minReplicas is 1")
	count(policy.deny) == 0 with input as object.union(hpa, {"spec": {"minReplicas": 2, "maxReplicas": 4}}) with data.parameters as params
}
