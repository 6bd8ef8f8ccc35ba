# METADATA
# title: SELinux options keep a container type
# description: >-
#   Pod Security Standards, baseline and restricted levels, check "seLinuxOptions": the pod's and
#   every container's securityContext.seLinuxOptions may not set user or role, and their type must
#   be empty, container_t, container_init_t, container_kvm_t or container_engine_t. Workloads: Pod
#   and ReplicationController (v1), DaemonSet, Deployment, ReplicaSet and StatefulSet (apps/v1), Job
#   and CronJob (batch/v1); a kind of the same name in another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_selinux_options

# --- workload prelude: the same in every policy of the pack (test/policies.test.ts keeps it so) ---

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

# The pod (metadata and spec): the Pod itself, a controller's spec.template, a CronJob's job template's.
pod_template := input if {
	input.apiVersion == "v1"
	input.kind == "Pod"
}

pod_template := input.spec.template if [input.apiVersion, input.kind] in template_kinds

pod_template := input.spec.jobTemplate.spec.template if {
	input.apiVersion == "batch/v1"
	input.kind == "CronJob"
}

pod_spec := pod_template.spec

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

# Every container of the pod (init, regular and ephemeral), each list on its own: a list that is
# null, empty or absent adds nothing and switches no check off for the others.
containers := [c | some key in ["initContainers", "containers", "ephemeralContainers"]; some c in container_list(key)]

container_list(key) := l if {
	l := object.get(pod_spec, key, [])
	is_array(l)
} else := []

# Names in double quotes (%q is not available where SCCP evaluates compiled policies: opa-wasm).
quoted(names) := concat(", ", [concat("", ["\"", n, "\""]) | some n in names])

# --- end of the workload prelude ---

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

forbidden(options) if not object.get(options, "type", "") in allowed_types

forbidden(options) if object.get(options, "user", "") != ""

forbidden(options) if object.get(options, "role", "") != ""

pod_forbidden if {
	options := object.get(pod_spec, ["securityContext", "seLinuxOptions"], null)
	options != null
	forbidden(options)
}

forbidden_containers := [c.name |
	some c in containers
	options := object.get(c, ["securityContext", "seLinuxOptions"], null)
	options != null
	forbidden(options)
]

deny contains msg if {
	pod_forbidden
	msg := sprintf("baseline-selinux-options: %s: the pod sets forbidden seLinuxOptions (a user, a role, or a type other than container_t, container_init_t, container_kvm_t, container_engine_t)", [subject])
}

deny contains msg if {
	count(forbidden_containers) > 0
	msg := sprintf("baseline-selinux-options: %s: container(s) %s set forbidden seLinuxOptions (a user, a role, or a type other than container_t, container_init_t, container_kvm_t, container_engine_t)", [subject, quoted(forbidden_containers)])
}
