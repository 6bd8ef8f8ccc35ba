# METADATA
# title: Containers drop every Linux capability
# description: >-
#   Pod Security Standards (restricted), "Capabilities": every container must drop ALL capabilities
#   (securityContext.capabilities.drop contains "ALL") and may add back only NET_BIND_SERVICE.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_drop_all_capabilities

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

allowed_additions := {"NET_BIND_SERVICE"}

keeps_capabilities := [c.name | some c in containers; not "ALL" in object.get(c, ["securityContext", "capabilities", "drop"], [])]

adds_capabilities := [c.name |
	some c in containers
	some cap in object.get(c, ["securityContext", "capabilities", "add"], [])
	not cap in allowed_additions
]

deny contains msg if {
	count(keeps_capabilities) > 0
	msg := sprintf("baseline-drop-all-capabilities: %s: container(s) %s must drop ALL capabilities (securityContext.capabilities.drop: [ALL])", [subject, quoted(keeps_capabilities)])
}

deny contains msg if {
	count(adds_capabilities) > 0
	msg := sprintf("baseline-drop-all-capabilities: %s: container(s) %s add capabilities other than NET_BIND_SERVICE", [subject, quoted({n | some n in adds_capabilities})])
}
