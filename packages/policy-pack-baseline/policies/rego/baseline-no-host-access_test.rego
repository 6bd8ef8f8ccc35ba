package sccp.baseline_no_host_access_test

import data.sccp.baseline_no_host_access as policy

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

in_namespace(r, ns) := json.patch(r, [{"op": "replace", "path": "/metadata/namespace", "value": ns}])

host_path := {"volumes": [{"name": "h", "hostPath": {"path": "/var/log"}}], "containers": [good_container]}

test_plain_pod_allowed if {
	count(policy.deny) == 0 with input as pod({"containers": [good_container]})
}

test_host_network_denied if {
	some msg in policy.deny with input as pod({"hostNetwork": true, "containers": [good_container]})
	msg == "baseline-no-host-access: Pod shop/web uses hostNetwork outside the platform namespaces"
}

test_host_pid_ipc_and_path_denied if {
	some msg in policy.deny with input as deployment(object.union(host_path, {"hostPID": true, "hostIPC": true}))
	contains(msg, "hostIPC, hostPID, hostPath volume \"h\"")
}

test_host_network_false_allowed if {
	count(policy.deny) == 0 with input as pod({"hostNetwork": false, "containers": [good_container]})
}

test_platform_namespace_allowed if {
	count(policy.deny) == 0 with input as in_namespace(deployment(host_path), "logging")
	count(policy.deny) == 0 with input as in_namespace(cronjob({"hostNetwork": true}), "kube-system")
}

test_parameter_replaces_the_default_list if {
	count(policy.deny) == 0 with input as pod(host_path) with data.parameters as {"platformNamespaces": ["shop"]}
	count(policy.deny) == 1 with input as in_namespace(deployment(host_path), "logging") with data.parameters as {"platformNamespaces": ["shop"]}
}

test_malformed_parameter_ignored if {
	count(policy.deny) == 0 with input as in_namespace(deployment(host_path), "logging") with data.parameters as {"platformNamespaces": "logging"}
}

test_host_path_set_but_empty_denied if {
	count(policy.deny) == 1 with input as pod({"volumes": [{"name": "h", "hostPath": {}}], "containers": [good_container]})
}

test_host_path_null_allowed if {
	count(policy.deny) == 0 with input as pod({"volumes": [{"name": "h", "hostPath": null, "emptyDir": {}}], "containers": [good_container]})
}
