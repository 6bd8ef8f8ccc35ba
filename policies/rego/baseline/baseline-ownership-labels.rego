# METADATA
# title: Workloads carry ownership labels
# description: >-
#   The pods of every workload (a Pod's labels, a controller's pod template labels) must carry
#   non-empty app.kubernetes.io/name (what it is) and sccp.dev/owner (the team to call) labels, so
#   every running pod can be traced to an application and an owner.
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [DaemonSet, Deployment, ReplicaSet, StatefulSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
package sccp.baseline_ownership_labels

workload_kinds := {"DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController", "Job"}

# The metadata of the pods a resource creates (the Pod itself, or a controller's pod template).
pod_metadata := object.get(input, "metadata", {}) if input.kind == "Pod"

pod_metadata := object.get(input.spec.template, "metadata", {}) if input.kind in workload_kinds

pod_metadata := object.get(input.spec.jobTemplate.spec.template, "metadata", {}) if input.kind == "CronJob"

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

required := ["app.kubernetes.io/name", "sccp.dev/owner"]

missing := [l | some l in required; object.get(pod_metadata, ["labels", l], "") == ""]

deny contains msg if {
	count(missing) > 0
	msg := sprintf("baseline-ownership-labels: %s: pod labels %s are missing or empty", [subject, concat(", ", missing)])
}
