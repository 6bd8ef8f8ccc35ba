# METADATA
# title: Images are pinned by digest
# description: >-
#   Every container image (init and ephemeral containers included) must be pinned by its sha256
#   digest (name@sha256:<64 hex digits>, a tag before the digest is allowed): what was verified and
#   reviewed is exactly what runs, and a registry cannot swap it under a tag.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.trusted_execution_image_digest

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

digest_pattern := `^[^@]+@sha256:[a-f0-9]{64}$`

unpinned := [i | some i in images; not regex.match(digest_pattern, i)]

deny contains msg if {
	count(unpinned) > 0
	msg := sprintf("trusted-execution-image-digest: %s: image(s) %s are not pinned by digest (name@sha256:<digest>)", [subject, quoted(unpinned)])
}
