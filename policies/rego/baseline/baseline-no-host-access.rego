# METADATA
# title: No host namespaces or hostPath volumes outside platform namespaces
# description: >-
#   Outside the platform's own namespaces (parameter platformNamespaces), a pod may not use the
#   node's network, PID or IPC namespace (hostNetwork, hostPID, hostIPC) nor mount a hostPath
#   volume. Node agents of platform features (log collectors, load balancer speakers, storage)
#   run in platform namespaces.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_no_host_access

workload_kinds := {"DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"}

# The pod spec of a Pod or of a pod controller's template (the kinds the Kyverno rule matches).
pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in workload_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

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

host_access contains sprintf("hostPath volume \"%s\"", [v.name]) if {
	some v in object.get(pod_spec, "volumes", [])
	is_object(v.hostPath)
	v.hostPath != {}
}

deny contains msg if {
	not namespace in platform_namespaces
	count(host_access) > 0
	msg := sprintf("baseline-no-host-access: %s uses %s outside the platform namespaces", [subject, concat(", ", host_access)])
}
