# METADATA
# title: Only ephemeral, configuration and claimed volumes
# description: >-
#   Pod Security Standards, restricted level, check "restrictedVolumes": every volume must be one of
#   configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected,
#   secret (a volume without a source is an emptyDir); hostPath, NFS, in-tree cloud disks and the
#   like are denied. At the baseline level the policy checks nothing (hostPath is
#   baseline-no-host-access's). Workloads: Pod and ReplicationController (v1), DaemonSet,
#   Deployment, ReplicaSet and StatefulSet (apps/v1), Job and CronJob (batch/v1); a kind of the same
#   name in another API group is not evaluated.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_restricted_volumes

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

allowed_sources := {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"}

volumes := v if {
	v := object.get(pod_spec, "volumes", [])
	is_array(v)
} else := []

sources(volume) := {k | some k, v in volume; k != "name"; v != null}

restricted := [v.name |
	some v in volumes
	s := sources(v)
	count(s) > 0
	count(s & allowed_sources) == 0
]

deny contains msg if {
	not baseline_level
	count(restricted) > 0
	msg := sprintf("baseline-restricted-volumes: %s: volume(s) %s use a volume type the restricted level forbids (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)", [subject, quoted(restricted)])
}
