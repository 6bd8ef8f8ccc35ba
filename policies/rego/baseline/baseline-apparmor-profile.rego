# METADATA
# title: AppArmor profiles are RuntimeDefault or Localhost
# description: >-
#   Pod Security Standards, baseline and restricted levels, check "appArmorProfile": the pod's and
#   every container's securityContext.appArmorProfile.type, when set, must be RuntimeDefault or
#   Localhost, and the legacy annotations container.apparmor.security.beta.kubernetes.io/<container>
#   must be runtime/default or localhost/<profile>. Workloads: Pod and ReplicationController (v1),
#   DaemonSet, Deployment, ReplicaSet and StatefulSet (apps/v1), Job and CronJob (batch/v1); a kind
#   of the same name in another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_apparmor_profile

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

allowed_types := {"RuntimeDefault", "Localhost"}

allowed_profile(profile) if object.get(profile, "type", "") in allowed_types

pod_profile_forbidden if {
	profile := object.get(pod_spec, ["securityContext", "appArmorProfile"], null)
	profile != null
	not allowed_profile(profile)
}

forbidden_containers := [c.name |
	some c in containers
	profile := object.get(c, ["securityContext", "appArmorProfile"], null)
	profile != null
	not allowed_profile(profile)
]

allowed_annotation(v) if v in {"", "runtime/default"}

allowed_annotation(v) if startswith(v, "localhost/")

forbidden_annotations := [k |
	some k, v in object.get(pod_template, ["metadata", "annotations"], {})
	startswith(k, "container.apparmor.security.beta.kubernetes.io/")
	not allowed_annotation(v)
]

deny contains msg if {
	pod_profile_forbidden
	msg := sprintf("baseline-apparmor-profile: %s: the pod sets an AppArmor profile other than RuntimeDefault or Localhost", [subject])
}

deny contains msg if {
	count(forbidden_containers) > 0
	msg := sprintf("baseline-apparmor-profile: %s: container(s) %s set an AppArmor profile other than RuntimeDefault or Localhost", [subject, quoted(forbidden_containers)])
}

deny contains msg if {
	count(forbidden_annotations) > 0
	msg := sprintf("baseline-apparmor-profile: %s: annotation(s) %s name an AppArmor profile other than runtime/default or localhost/<profile>", [subject, quoted(forbidden_annotations)])
}
