# METADATA
# title: Images name an explicit tag other than latest, or a digest
# description: >-
#   Every container image (init, regular and ephemeral containers) must be pinned: either by digest
#   (image@sha256:...) or by an explicit tag that is not "latest". A tag-less image means :latest,
#   which changes under the cluster's feet and makes a rollback impossible. Workloads: Pod and
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
package sccp.baseline_image_tag

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
