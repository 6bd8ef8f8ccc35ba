# METADATA
# title: No host namespaces or hostPath volumes outside platform namespaces
# description: >-
#   Pod Security Standards, baseline and restricted levels, checks "hostNamespaces" and
#   "hostPathVolumes", outside the platform's own namespaces (parameter platformNamespaces): a pod
#   may not use the node's network, PID or IPC namespace (hostNetwork, hostPID, hostIPC) nor mount a
#   hostPath volume. Node agents of platform features (log collectors, load balancer speakers,
#   storage) run in platform namespaces. Workloads: Pod and ReplicationController (v1), DaemonSet,
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
package sccp.baseline_no_host_access

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

# The platform's namespaces: data.parameters.platformNamespaces when given (the platform generates
# it from the enabled features), else this default (kept equal to the pack's PARAMETER_DEFAULTS and
# the Kyverno policy's default by a test).
default platform_namespaces := [
	"argocd", "cert-manager", "gatekeeper-system", "grafana", "kube-node-lease", "kube-public", "kube-system",
	"kyverno", "logging", "metallb-system", "monitoring", "rook-ceph", "traefik",
]

platform_namespaces := ns if {
	ns := data.parameters.platformNamespaces
	is_array(ns)
}

namespace := object.get(input, ["metadata", "namespace"], "")

host_access contains "hostNetwork" if pod_spec.hostNetwork == true

host_access contains "hostPID" if pod_spec.hostPID == true

host_access contains "hostIPC" if pod_spec.hostIPC == true

# A hostPath volume: its hostPath set (not null), as Pod Security's hostPathVolumes check has it.
host_access contains sprintf("hostPath volume \"%s\"", [v.name]) if {
	some v in object.get(pod_spec, "volumes", [])
	object.get(v, "hostPath", null) != null
}

deny contains msg if {
	not namespace in platform_namespaces
	count(host_access) > 0
	msg := sprintf("baseline-no-host-access: %s uses %s outside the platform namespaces", [subject, concat(", ", host_access)])
}
