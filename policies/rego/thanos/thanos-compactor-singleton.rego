# A Thanos compactor is not concurrency safe: a StatefulSet or Deployment labelled
# app.kubernetes.io/name=thanos and app.kubernetes.io/component=compact (stevehipwell chart) or
# compactor (other charts) must run at most one replica (an absent spec.replicas means 1).
package sccp.thanos_compactor_singleton

workload_kinds := {"StatefulSet", "Deployment"}

compactor_components := {"compact", "compactor"}

labels := object.get(input, ["metadata", "labels"], {})

replicas := object.get(input, ["spec", "replicas"], 1)

deny contains msg if {
	input.apiVersion == "apps/v1"
	workload_kinds[input.kind]
	object.get(labels, "app.kubernetes.io/name", "") == "thanos"
	compactor_components[object.get(labels, "app.kubernetes.io/component", "")]
	replicas > 1
	msg := sprintf(
		"thanos-compactor-singleton: %s %s/%s is a Thanos compactor with %v replicas; run at most one per bucket, concurrent compactors corrupt it",
		[input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], ""), replicas],
	)
}
