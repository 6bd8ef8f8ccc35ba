# METADATA
# title: Containers run as a non-root user
# description: >-
#   Pod Security Standards (restricted), "Running as Non-root" and "Running as Non-root user": every
#   container must run with runAsNonRoot true (set on the container, or on the pod and not overridden
#   with false), and neither the pod nor a container may set runAsUser 0.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_run_as_non_root

workload_kinds := {"DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"}

# The pod spec of a Pod or of a pod controller's template (the kinds the Kyverno rule matches).
pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in workload_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

# Every container of the pod: containers, initContainers, ephemeralContainers.
containers := array.concat(
	array.concat(object.get(pod_spec, "containers", []), object.get(pod_spec, "initContainers", [])),
	object.get(pod_spec, "ephemeralContainers", []),
)

# Names in double quotes (%q is not available where SCCP evaluates compiled policies: opa-wasm).
quoted(names) := concat(", ", [concat("", ["\"", n, "\""]) | some n in names])

pod_non_root if pod_spec.securityContext.runAsNonRoot == true

# The container's own runAsNonRoot wins; without one, the pod's applies.
non_root(c) if c.securityContext.runAsNonRoot == true

non_root(c) if {
	# object.get, not `not is_boolean(c.securityContext.runAsNonRoot)`: a builtin call on an
	# undefined reference is undefined, and so is its negation.
	object.get(c, ["securityContext", "runAsNonRoot"], null) == null
	pod_non_root
}

may_run_as_root := [c.name | some c in containers; not non_root(c)]

deny contains msg if {
	count(may_run_as_root) > 0
	msg := sprintf("baseline-run-as-non-root: %s: container(s) %s may run as root; set securityContext.runAsNonRoot: true on the pod or the container", [subject, quoted(may_run_as_root)])
}

deny contains msg if {
	pod_spec.securityContext.runAsUser == 0
	msg := sprintf("baseline-run-as-non-root: %s: the pod securityContext sets runAsUser 0 (root)", [subject])
}

deny contains msg if {
	root_uid := [c.name | some c in containers; c.securityContext.runAsUser == 0]
	count(root_uid) > 0
	msg := sprintf("baseline-run-as-non-root: %s: container(s) %s set runAsUser 0 (root)", [subject, quoted(root_uid)])
}
