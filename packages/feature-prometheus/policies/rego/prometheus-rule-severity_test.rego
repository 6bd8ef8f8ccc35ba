package sccp.prometheus_rule_severity_test

import data.sccp.prometheus_rule_severity as policy

prometheus_rule(rules) := {
	"apiVersion": "monitoring.coreos.com/v1",
	"kind": "PrometheusRule",
	"metadata": {"name": "app", "namespace": "team-a", "labels": {"sccp.dev/monitoring": "platform"}},
	"spec": {"groups": [{"name": "app.rules", "rules": rules}]},
}

test_alerts_with_severity_and_recording_rules_are_admitted if {
	count(policy.deny) == 0 with input as prometheus_rule([
		{"alert": "AppDown", "expr": "up == 0", "labels": {"severity": "critical"}},
		{"alert": "AppSlow", "expr": "x > 1", "labels": {"severity": "warning", "team": "a"}},
		{"record": "job:up:sum", "expr": "sum by (job) (up)"},
	])
}

test_alert_without_labels_is_denied if {
	msgs := policy.deny with input as prometheus_rule([{"alert": "AppDown", "expr": "up == 0"}])
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "prometheus-rule-severity: alert AppDown (group app.rules) of PrometheusRule team-a/app ")
}

test_unknown_severity_is_denied if {
	count(policy.deny) == 1 with input as prometheus_rule([{"alert": "AppDown", "expr": "up == 0", "labels": {"severity": "page"}}])
}

test_each_bad_alert_is_reported if {
	count(policy.deny) == 2 with input as prometheus_rule([
		{"alert": "A", "expr": "1", "labels": {"team": "a"}},
		{"alert": "B", "expr": "1"},
		{"alert": "C", "expr": "1", "labels": {"severity": "info"}},
	])
}

test_recording_rules_only_are_admitted if {
	count(policy.deny) == 0 with input as prometheus_rule([{"record": "r", "expr": "1"}])
}

test_other_kinds_are_ignored if {
	count(policy.deny) == 0 with input as object.union(prometheus_rule([{"alert": "A", "expr": "1"}]), {"kind": "ServiceMonitor"})
}
