# METADATA
# title: Containers declare resource requests and a memory limit
# description: >-
#   Every container and init container must declare resources.requests.cpu,
#   resources.requests.memory and resources.limits.memory, so the scheduler can place it and a memory
#   leak is contained. CPU limits are not required: they throttle bursts without protecting
#   neighbours, which CPU requests already do. (Ephemeral containers cannot declare resources.)
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_resources_required

workload_kinds := {"DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"}

# The pod spec of a Pod or of a pod controller's template (the kinds the Kyverno rule matches).
pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in workload_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

# Containers and init containers (ephemeral containers have no resources field).
containers := array.concat(object.get(pod_spec, "containers", []), object.get(pod_spec, "initContainers", []))

# Names in double quotes (%q is not available where SCCP evaluates compiled policies: opa-wasm).
quoted(names) := concat(", ", [concat("", ["\"", n, "\""]) | some n in names])

required := [["requests", "cpu"], ["requests", "memory"], ["limits", "memory"]]

declared(c, p) if {
	v := c.resources[p[0]][p[1]]
	v != ""
	v != null
}

missing(c) := [concat(".", ["resources", p[0], p[1]]) | some p in required; not declared(c, p)]

deny contains msg if {
	some c in containers
	count(missing(c)) > 0
	msg := sprintf("baseline-resources-required: %s: container \"%s\" must declare %s", [subject, c.name, concat(", ", missing(c))])
}
