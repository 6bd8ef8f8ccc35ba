# Host log directories are mounted read-only: every container mount of a hostPath volume that
# reaches the node's /var/log (the path itself, a path under it, or / or /var, which contain it;
# subPath included) must set readOnly: true. Same rule as policies/kyverno/loki-collector-readonly-hostpath.yaml.
package sccp.loki_collector_readonly_hostpath

# Paths that are /var/log, inside it, or contain it (/ and /var), with any number of slashes.
log_path_pattern := `^/*(var(/+log(/.*)?)?)?/*$`

# The workloads evaluated, by apiVersion and kind: Pod and ReplicationController (v1), DaemonSet,
# Deployment, ReplicaSet and StatefulSet (apps/v1), Job and CronJob (batch/v1). A kind of the same
# name in another API group (a batch.volcano.sh Job) is something else and is not evaluated.
template_kinds := {
	["v1", "ReplicationController"],
	["apps/v1", "DaemonSet"],
	["apps/v1", "Deployment"],
	["apps/v1", "ReplicaSet"],
	["apps/v1", "StatefulSet"],
	["batch/v1", "Job"],
}

pod_spec := input.spec if {
	input.apiVersion == "v1"
	input.kind == "Pod"
}

pod_spec := input.spec.template.spec if [input.apiVersion, input.kind] in template_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if {
	input.apiVersion == "batch/v1"
	input.kind == "CronJob"
}

# Each container list on its own (a null, empty or absent list adds nothing and switches no check off).
containers contains c if some c in pod_spec.containers

containers contains c if some c in pod_spec.initContainers

containers contains c if some c in pod_spec.ephemeralContainers

host_path(v, m) := concat("/", [v.hostPath.path, m.subPath]) if {
	is_string(m.subPath)
	m.subPath != ""
} else := v.hostPath.path

deny contains msg if {
	some c in containers
	some m in c.volumeMounts
	not m.readOnly == true
	some v in pod_spec.volumes
	v.name == m.name
	is_string(v.hostPath.path)
	p := host_path(v, m)
	regex.match(log_path_pattern, p)
	msg := sprintf(
		"loki-collector-readonly-hostpath: %s %s: container \"%s\" mounts the host path \"%s\" (volume \"%s\") writable; set readOnly: true on the mount",
		[input.kind, input.metadata.name, c.name, p, v.name],
	)
}
