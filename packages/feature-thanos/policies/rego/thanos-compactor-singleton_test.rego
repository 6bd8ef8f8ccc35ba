package sccp.thanos_compactor_singleton_test

import data.sccp.thanos_compactor_singleton as policy

workload(kind, component, replicas) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {"name": "thanos-compact", "namespace": "monitoring", "labels": {"app.kubernetes.io/name": "thanos", "app.kubernetes.io/component": component}},
	"spec": {"replicas": replicas},
}

test_one_replica_is_admitted if {
	count(policy.deny) == 0 with input as workload("StatefulSet", "compact", 1)
}

test_zero_replicas_is_admitted if {
	count(policy.deny) == 0 with input as workload("StatefulSet", "compact", 0)
}

test_absent_replicas_is_admitted if {
	count(policy.deny) == 0 with input as json.remove(workload("StatefulSet", "compact", 1), ["spec/replicas"])
}

test_two_replicas_statefulset_is_denied if {
	msgs := policy.deny with input as workload("StatefulSet", "compact", 2)
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "thanos-compactor-singleton: StatefulSet monitoring/thanos-compact ")
}

test_compactor_deployment_is_denied if {
	count(policy.deny) == 1 with input as workload("Deployment", "compactor", 3)
}

test_other_components_are_ignored if {
	count(policy.deny) == 0 with input as workload("StatefulSet", "store-gateway", 3)
	count(policy.deny) == 0 with input as workload("Deployment", "query", 2)
}

test_other_applications_are_ignored if {
	count(policy.deny) == 0 with input as json.patch(workload("StatefulSet", "compactor", 3), [{"op": "replace", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "loki"}])
}

test_unlabelled_workloads_are_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "x"}, "spec": {"replicas": 5}}
}

test_other_kinds_are_ignored if {
	count(policy.deny) == 0 with input as object.union(workload("DaemonSet", "compact", 1), {"kind": "DaemonSet"})
	count(policy.deny) == 0 with input as object.union(workload("StatefulSet", "compact", 3), {"apiVersion": "apps/v1beta1"})
}
