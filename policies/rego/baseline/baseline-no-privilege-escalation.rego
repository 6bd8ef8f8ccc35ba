# METADATA
# title: Containers cannot gain privileges
# description: >-
#   Pod Security Standards (restricted), "Privilege Escalation": every container (init and ephemeral
#   containers included) must set securityContext.allowPrivilegeEscalation to false, so setuid
#   binaries and file capabilities cannot raise its privileges.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_no_privilege_escalation

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

escalating := [c.name | some c in containers; not c.securityContext.allowPrivilegeEscalation == false]

deny contains msg if {
	count(escalating) > 0
	msg := sprintf("baseline-no-privilege-escalation: %s: container(s) %s must set securityContext.allowPrivilegeEscalation: false", [subject, quoted(escalating)])
}
