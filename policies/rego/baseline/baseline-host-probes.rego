# METADATA
# title: Probes and lifecycle handlers do not name a host
# description: >-
#   Pod Security Standards, baseline and restricted levels, check "hostProbesAndHostLifecycle"
#   (Kubernetes 1.34+): the liveness, readiness and startup probes and the postStart and preStop
#   handlers of every container (init, regular or ephemeral) may not set httpGet.host or
#   tcpSocket.host, which would make the kubelet connect to another host. Workloads: Pod and
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
package sccp.baseline_host_probes

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

handlers(c) := [h |
	some key in ["livenessProbe", "readinessProbe", "startupProbe"]
	h := object.get(c, key, null)
	is_object(h)
]

lifecycle_handlers(c) := [h |
	some key in ["postStart", "preStop"]
	h := object.get(c, ["lifecycle", key], null)
	is_object(h)
]

names_host(h) if {
	some action in ["httpGet", "tcpSocket"]
	host := object.get(h, [action, "host"], "")
	host != ""
	host != null
}

host_probes := {c.name |
	some c in containers
	some h in array.concat(handlers(c), lifecycle_handlers(c))
	names_host(h)
}

deny contains msg if {
	count(host_probes) > 0
	msg := sprintf("baseline-host-probes: %s: container(s) %s set a host in a probe or lifecycle handler (httpGet.host, tcpSocket.host)", [subject, quoted(host_probes)])
}
