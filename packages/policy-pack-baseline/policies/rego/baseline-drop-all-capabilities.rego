# METADATA
# title: Containers drop every Linux capability
# description: >-
#   Pod Security Standards, checks "capabilities_restricted" (restricted level): every container
#   (init, regular or ephemeral) must drop ALL capabilities (securityContext.capabilities.drop
#   contains "ALL") and may add back only NET_BIND_SERVICE; Windows pods (spec.os.name: windows) are
#   exempt. And "capabilities_baseline" (baseline level): containers may add only AUDIT_WRITE,
#   CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP,
#   SETUID, SYS_CHROOT. Workloads: Pod and ReplicationController (v1), DaemonSet, Deployment,
#   ReplicaSet and StatefulSet (apps/v1), Job and CronJob (batch/v1); a kind of the same name in
#   another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_drop_all_capabilities

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

# The Pod Security level of the workload's namespace: its entry in parameter namespaceLevels (the
# platform lists every tenant namespace with its podSecurity), else parameter level; "baseline",
# else restricted (the default; any other value means restricted too).
pod_security_level := object.get(namespace_levels, object.get(input, ["metadata", "namespace"], ""), parameter_level)

default parameter_level := "restricted"

parameter_level := data.parameters.level

namespace_levels := levels if {
	levels := data.parameters.namespaceLevels
	is_object(levels)
} else := {}

baseline_level if pod_security_level == "baseline"

baseline_capabilities := {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}

capability_list(c, key) := l if {
	l := object.get(c, ["securityContext", "capabilities", key], [])
	is_array(l)
} else := []

restricted_checks if {
	not baseline_level
	not pod_spec.os.name == "windows"
}

keeps_capabilities := [c.name | some c in containers; not "ALL" in capability_list(c, "drop")]

adds_capabilities := {c.name |
	some c in containers
	some cap in capability_list(c, "add")
	cap != "NET_BIND_SERVICE"
}

adds_non_default := {c.name |
	some c in containers
	some cap in capability_list(c, "add")
	not cap in baseline_capabilities
}

deny contains msg if {
	restricted_checks
	count(keeps_capabilities) > 0
	msg := sprintf("baseline-drop-all-capabilities: %s: container(s) %s must drop ALL capabilities (securityContext.capabilities.drop: [ALL])", [subject, quoted(keeps_capabilities)])
}

deny contains msg if {
	restricted_checks
	count(adds_capabilities) > 0
	msg := sprintf("baseline-drop-all-capabilities: %s: container(s) %s add capabilities other than NET_BIND_SERVICE", [subject, quoted(adds_capabilities)])
}

deny contains msg if {
	baseline_level
	count(adds_non_default) > 0
	msg := sprintf("baseline-drop-all-capabilities: %s: container(s) %s add capabilities beyond the Pod Security baseline's default set", [subject, quoted(adds_non_default)])
}
