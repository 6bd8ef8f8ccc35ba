# METADATA
# title: Containers run with a seccomp profile
# description: >-
#   Pod Security Standards, checks "seccompProfile_restricted" (restricted level): the pod's
#   seccompProfile, when set, and every container's must be RuntimeDefault or Localhost, and a
#   container without its own needs the pod's; Windows pods (spec.os.name: windows) are exempt. And
#   "seccompProfile_baseline" (baseline level): a profile that is set, on the pod or a container,
#   must not be Unconfined (only RuntimeDefault or Localhost). Workloads: Pod and
#   ReplicationController (v1), DaemonSet, Deployment, ReplicaSet and StatefulSet (apps/v1), Job and
#   CronJob (batch/v1); a kind of the same name in another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_seccomp_profile

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

allowed := {"RuntimeDefault", "Localhost"}

pod_profile := object.get(pod_spec, ["securityContext", "seccompProfile"], null)

pod_forbidden if {
	pod_profile != null
	not object.get(pod_profile, "type", "") in allowed
}

pod_allowed if {
	pod_profile != null
	object.get(pod_profile, "type", "") in allowed
}

profile(c) := object.get(c, ["securityContext", "seccompProfile"], null)

forbidden := [c.name | some c in containers; profile(c) != null; not object.get(profile(c), "type", "") in allowed]

unset := [c.name | some c in containers; profile(c) == null]

# At the restricted level, Windows pods are exempt (they cannot set a seccomp profile).
checked if baseline_level

checked if not pod_spec.os.name == "windows"

deny contains msg if {
	checked
	pod_forbidden
	msg := sprintf("baseline-seccomp-profile: %s: the pod sets a seccomp profile other than RuntimeDefault or Localhost", [subject])
}

deny contains msg if {
	checked
	count(forbidden) > 0
	msg := sprintf("baseline-seccomp-profile: %s: container(s) %s set a seccomp profile other than RuntimeDefault or Localhost", [subject, quoted(forbidden)])
}

deny contains msg if {
	not baseline_level
	checked
	not pod_allowed
	count(unset) > 0
	msg := sprintf("baseline-seccomp-profile: %s: container(s) %s run without a RuntimeDefault or Localhost seccomp profile (set securityContext.seccompProfile.type on the pod or the container)", [subject, quoted(unset)])
}
