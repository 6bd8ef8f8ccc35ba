package sccp.prometheus_servicemonitor_labels_test

import data.sccp.prometheus_servicemonitor_labels as policy

monitor(kind, labels) := {
	"apiVersion": "monitoring.coreos.com/v1",
	"kind": kind,
	"metadata": {"name": "app", "namespace": "team-a", "labels": labels},
	"spec": {"selector": {"matchLabels": {"app": "app"}}},
}

test_servicemonitor_with_label_is_admitted if {
	count(policy.deny) == 0 with input as monitor("ServiceMonitor", {"sccp.dev/monitoring": "platform", "app": "app"})
}

test_podmonitor_with_label_is_admitted if {
	count(policy.deny) == 0 with input as monitor("PodMonitor", {"sccp.dev/monitoring": "platform"})
}

test_servicemonitor_without_labels_is_denied if {
	msgs := policy.deny with input as monitor("ServiceMonitor", {})
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "prometheus-servicemonitor-labels: ServiceMonitor team-a/app ")
}

test_missing_metadata_labels_is_denied if {
	count(policy.deny) == 1 with input as {"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor", "metadata": {"name": "x"}}
}

test_wrong_value_is_denied if {
	count(policy.deny) == 1 with input as monitor("PodMonitor", {"sccp.dev/monitoring": "team"})
}

test_other_kinds_are_ignored if {
	count(policy.deny) == 0 with input as monitor("PrometheusRule", {})
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
}

test_other_api_versions_are_ignored if {
	count(policy.deny) == 0 with input as object.union(monitor("ServiceMonitor", {}), {"apiVersion": "monitoring.coreos.com/v1alpha1"})
}
