# METADATA
# title: Containers run with a seccomp profile
# description: >-
#   Pod Security Standards (restricted), "Seccomp": the seccomp profile of every container (its own
#   securityContext.seccompProfile.type, else the pod's) must be RuntimeDefault or Localhost;
#   Unconfined or no profile at all is denied.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_seccomp_profile

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

allowed := {"RuntimeDefault", "Localhost"}

pod_profile := object.get(pod_spec, ["securityContext", "seccompProfile", "type"], "")

# The container's own profile type, else the pod's ("" when neither sets one).
profile(c) := object.get(c, ["securityContext", "seccompProfile", "type"], pod_profile)

unconfined := [c.name | some c in containers; not profile(c) in allowed]

deny contains msg if {
	count(unconfined) > 0
	msg := sprintf("baseline-seccomp-profile: %s: container(s) %s run without a RuntimeDefault or Localhost seccomp profile (set securityContext.seccompProfile.type on the pod or the container)", [subject, quoted(unconfined)])
}
