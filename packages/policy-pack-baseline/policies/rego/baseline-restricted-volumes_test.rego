package sccp.baseline_restricted_volumes_test

import data.sccp.baseline_restricted_volumes as policy

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

test_allowed_volumes if {
	volumes := [
		{"name": "a", "configMap": {"name": "x"}}, {"name": "b", "secret": {"secretName": "x"}}, {"name": "c", "emptyDir": {}},
		{"name": "d", "persistentVolumeClaim": {"claimName": "x"}}, {"name": "e", "projected": {"sources": []}}, {"name": "f", "csi": {"driver": "x"}},
		{"name": "g", "image": {"reference": "x:1"}}, {"name": "h"}, {"name": "i", "hostPath": null, "emptyDir": {}},
	]
	count(policy.deny) == 0 with input as pod({"volumes": volumes, "containers": [good_container]})
}

test_restricted_volume_denied if {
	some msg in policy.deny with input as deployment({"volumes": [{"name": "share", "nfs": {"server": "x", "path": "/"}}], "containers": [good_container]})
	startswith(msg, "baseline-restricted-volumes: Deployment shop/api: volume(s) \"share\" use a volume type")
}

test_host_path_denied_at_restricted_only if {
	spec := {"volumes": [{"name": "h", "hostPath": {"path": "/"}}], "containers": [good_container]}
	count(policy.deny) == 1 with input as pod(spec)
	count(policy.deny) == 0 with input as pod(spec) with data.parameters as baseline
}
