# METADATA
# title: Images come from allowed registries
# description: >-
#   Every container image (init, regular and ephemeral containers, each list on its own: a list
#   that is null, empty or absent switches no check off) must start with one of the
#   allowed registry prefixes (parameter allowedRegistries, e.g. "registry.example.com/" or
#   "ghcr.io/acme/"). Image references are compared as written: a short name such as "nginx"
#   (implicitly docker.io/library/nginx) matches no prefix, so images must be fully qualified.
#   Without parameters no registry is allowed.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.trusted_execution_allowed_registries

# --- workload prelude: the baseline pack's, word for word (test/policies.test.ts keeps it so) ---

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

# The image of every container (init, regular and ephemeral).
images := [c.image | some c in containers]

# data.parameters.allowedRegistries when given (the platform fills it from platform.yaml), else none.
default allowed_registries := []

allowed_registries := r if {
	r := data.parameters.allowedRegistries
	is_array(r)
}

allowed(image) if {
	some prefix in allowed_registries
	startswith(image, prefix)
}

foreign := [i | some i in images; not allowed(i)]

deny contains msg if {
	count(foreign) > 0
	msg := sprintf("trusted-execution-allowed-registries: %s: image(s) %s do not come from an allowed registry (%s)", [subject, quoted(foreign), concat(", ", allowed_registries)])
}
