# Every alerting rule of a PrometheusRule sets labels.severity to one of the values Alertmanager
# routes on. Recording rules (no `alert`) are not checked.
package sccp.prometheus_rule_severity

severities := {"critical", "warning", "info", "none"}

alerting_rules contains [group_name, rule] if {
	input.apiVersion == "monitoring.coreos.com/v1"
	input.kind == "PrometheusRule"
	some group in object.get(input, ["spec", "groups"], [])
	group_name := object.get(group, "name", "")
	some rule in object.get(group, "rules", [])
	object.get(rule, "alert", "") != ""
}

deny contains msg if {
	some [group_name, rule] in alerting_rules
	severity := object.get(rule, ["labels", "severity"], "")
	not severities[severity]
	msg := sprintf(
		"prometheus-rule-severity: alert %s (group %s) of PrometheusRule %s/%s has severity \"%s\"; set labels.severity to critical, warning, info or none",
		[rule.alert, group_name, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], ""), severity],
	)
}
