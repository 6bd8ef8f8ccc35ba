package sccp.baseline_windows_host_process_test

import data.sccp.baseline_windows_host_process as policy

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

with_sc(c, sc) := object.union(c, {"securityContext": object.union(c.securityContext, sc)})

baseline := {"level": "baseline"}

test_no_host_process_allowed if {
	count(policy.deny) == 0 with input as pod({"os": {"name": "windows"}, "securityContext": {"windowsOptions": {"hostProcess": false}}, "containers": [good_container]})
}

test_pod_host_process_denied if {
	some msg in policy.deny with input as pod({"securityContext": {"windowsOptions": {"hostProcess": true}}, "containers": [good_container]})
	msg == "baseline-windows-host-process: Pod shop/web: the pod sets securityContext.windowsOptions.hostProcess: true"
}

test_container_host_process_denied if {
	count(policy.deny) == 1 with input as deployment({"initContainers": null, "containers": [with_sc(good_container, {"windowsOptions": {"hostProcess": true}})]})
}
