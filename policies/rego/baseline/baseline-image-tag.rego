# METADATA
# title: Images name an explicit tag other than latest, or a digest
# description: >-
#   Every container image must be pinned: either by digest (image@sha256:...) or by an explicit tag
#   that is not "latest". A tag-less image means :latest, which changes under the cluster's feet and
#   makes a rollback impossible.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_image_tag

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

# A digest pins the image whatever its tag; else the last path segment must carry a tag (a port in
# the registry host is not a tag) and the tag must not be latest.
unpinned(image) if {
	not contains(image, "@")
	not regex.match(`:[^/]+$`, image)
}

unpinned(image) if {
	not contains(image, "@")
	endswith(image, ":latest")
}

deny contains msg if {
	some c in containers
	unpinned(c.image)
	msg := sprintf("baseline-image-tag: %s: container \"%s\" uses image \"%s\" without a tag or with :latest; pin a version tag or a digest", [subject, c.name, c.image])
}
