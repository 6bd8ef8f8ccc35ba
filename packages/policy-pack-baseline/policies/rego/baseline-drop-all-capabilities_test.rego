package sccp.baseline_drop_all_capabilities_test

import data.sccp.baseline_drop_all_capabilities as policy

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

test_drop_all_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]})
}

test_net_bind_service_allowed if {
	c := with_sc(good_container, {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}})
	count(policy.deny) == 0 with input as deployment({"containers": [c]})
}

test_partial_drop_denied if {
	some msg in policy.deny with input as pod({"containers": [with_sc(good_container, {"capabilities": {"drop": ["NET_RAW"]}})]})
	startswith(msg, "baseline-drop-all-capabilities: Pod shop/web: ")
}

test_no_capabilities_denied if {
	count(policy.deny) == 1 with input as pod({"containers": [{"name": "app", "image": "x:1"}]})
}

test_added_capability_denied if {
	c := with_sc(good_container, {"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN", "NET_BIND_SERVICE"]}})
	some msg in policy.deny with input as cronjob({"containers": [c]})
	contains(msg, "other than NET_BIND_SERVICE")
}

test_windows_pod_exempt_at_restricted if {
	count(policy.deny) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "app", "image": "x:1"}]})
}

test_baseline_level_checks_added_capabilities_only if {
	count(policy.deny) == 0 with input as pod({"containers": [{"name": "app", "image": "x:1"}]}) with data.parameters as {"level": "baseline"}
	chown := with_sc(good_container, {"capabilities": {"add": ["CHOWN", "NET_BIND_SERVICE"]}})
	count(policy.deny) == 0 with input as pod({"containers": [chown]}) with data.parameters as {"level": "baseline"}
	count(policy.deny) == 1 with input as pod({"containers": [chown]})
	some msg in policy.deny with input as pod({"containers": [with_sc(good_container, {"capabilities": {"add": ["SYS_ADMIN"]}})]}) with data.parameters as {"level": "baseline"}
	contains(msg, "beyond the Pod Security baseline's default set")
}

test_null_list_switches_nothing_off if {
	count(policy.deny) == 1 with input as pod({"initContainers": null, "containers": [{"name": "app", "image": "x:1"}]})
}
