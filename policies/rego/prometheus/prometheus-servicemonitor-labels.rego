# ServiceMonitors and PodMonitors must carry sccp.dev/monitoring=platform: the platform Prometheus
# selects monitors in every namespace by that label and ignores the others.
package sccp.prometheus_servicemonitor_labels

monitor_kinds := {"ServiceMonitor", "PodMonitor"}

label_key := "sccp.dev/monitoring"

label_value := "platform"

deny contains msg if {
	input.apiVersion == "monitoring.coreos.com/v1"
	monitor_kinds[input.kind]
	object.get(input, ["metadata", "labels", label_key], "") != label_value
	msg := sprintf(
		"prometheus-servicemonitor-labels: %s %s/%s must carry the label %s=%s, or the platform Prometheus does not scrape it",
		[input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], ""), label_key, label_value],
	)
}
