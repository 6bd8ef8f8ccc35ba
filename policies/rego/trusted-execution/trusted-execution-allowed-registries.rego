# METADATA
# title: Images come from allowed registries
# description: >-
#   Every container image (init and ephemeral containers included) must start with one of the
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

workload_kinds := {"DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"}

# The pod spec of a Pod or of a pod controller's template (the kinds the Kyverno rule matches).
pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in workload_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

# The image of every container: containers, initContainers, ephemeralContainers.
images := [c.image |
	some c in array.concat(
		array.concat(object.get(pod_spec, "containers", []), object.get(pod_spec, "initContainers", [])),
		object.get(pod_spec, "ephemeralContainers", []),
	)
]

# Values in double quotes (%q is not available where SCCP evaluates compiled policies: opa-wasm).
quoted(values) := concat(", ", [concat("", ["\"", v, "\""]) | some v in values])

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
