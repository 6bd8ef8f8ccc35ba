package sccp.baseline_ownership_labels_test

import data.sccp.baseline_ownership_labels as policy

good_container := {
	"name": "app",
	"image": "registry.example.com/shop/web:1.4.2",
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
	"securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
}

pod_security := {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}

pod(spec) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "shop", "labels": {"app.kubernetes.io/name": "web", "sccp.dev/owner": "team-shop"}},
	"spec": spec,
}

deployment(spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "shop"},
	"spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/name": "api", "sccp.dev/owner": "team-shop"}}, "spec": spec}},
}

cronjob(spec) := {
	"apiVersion": "batch/v1",
	"kind": "CronJob",
	"metadata": {"name": "report", "namespace": "shop"},
	"spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
}

with_sc(c, sc) := object.union(c, {"securityContext": object.union(c.securityContext, sc)})

test_labelled_pod_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]})
}

test_labelled_template_allowed if {
	count(policy.deny) == 0 with input as deployment({"containers": [good_container]})
}

test_missing_labels_denied if {
	some msg in policy.deny with input as json.remove(pod({"containers": [good_container]}), ["metadata/labels"])
	msg == "baseline-ownership-labels: Pod shop/web: pod labels app.kubernetes.io/name, sccp.dev/owner are missing or empty"
}

test_empty_owner_denied if {
	p := json.patch(pod({}), [{"op": "replace", "path": "/metadata/labels/sccp.dev~1owner", "value": ""}])
	some msg in policy.deny with input as p
	endswith(msg, "pod labels sccp.dev/owner are missing or empty")
}

test_controller_labels_do_not_count if {
	d := json.patch(deployment({}), [
		{"op": "remove", "path": "/spec/template/metadata"},
		{"op": "add", "path": "/metadata/labels", "value": {"app.kubernetes.io/name": "api", "sccp.dev/owner": "team-shop"}},
	])
	count(policy.deny) == 1 with input as d
}

test_cronjob_template_checked if {
	count(policy.deny) == 1 with input as cronjob({"containers": [good_container]})
}

test_same_kind_in_another_group_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "example.com/v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"}, "spec": {}}
}
