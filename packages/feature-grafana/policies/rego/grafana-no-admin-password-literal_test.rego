package sccp.grafana_no_admin_password_literal_test

import data.sccp.grafana_no_admin_password_literal as policy

pod(env) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "p", "namespace": "grafana"},
	"spec": {"containers": [{"name": "grafana", "image": "grafana/grafana", "env": env}]},
}

from_secret := {"name": "GF_SECURITY_ADMIN_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "grafana-admin", "key": "admin-password"}}}

test_secret_ref_allowed if {
	count(policy.deny) == 0 with input as pod([from_secret])
}

test_literal_denied if {
	msgs := policy.deny with input as pod([{"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "hunter2"}])
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "grafana-no-admin-password-literal: ")
	contains(msg, `container "grafana"`)
	not contains(msg, "hunter2")
}

test_config_map_ref_denied if {
	count(policy.deny) == 1 with input as pod([{"name": "GF_SECURITY_ADMIN_PASSWORD", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}}])
}

test_literal_next_to_secret_ref_denied if {
	e := {"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "x", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}
	count(policy.deny) == 1 with input as pod([e])
}

test_empty_value_with_secret_ref_allowed if {
	e := {"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}
	count(policy.deny) == 0 with input as pod([e])
}

test_no_source_denied if {
	count(policy.deny) == 1 with input as pod([{"name": "GF_SECURITY_ADMIN_PASSWORD"}])
}

test_other_variables_allowed if {
	env := [
		{"name": "GF_SECURITY_ADMIN_USER", "value": "admin"},
		{"name": "GF_SECURITY_ADMIN_PASSWORD__FILE", "value": "/etc/secrets/admin-password"},
		{"name": "GF_PATHS_DATA", "value": "/var/lib/grafana"},
	]
	count(policy.deny) == 0 with input as pod(env)
}

test_no_env_allowed if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}
}

test_deployment_init_container_denied if {
	d := {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "grafana"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "init", "image": "x", "env": [{"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "x"}]}],
			"containers": [{"name": "grafana", "image": "x", "env": [from_secret]}],
		}}},
	}
	msgs := policy.deny with input as d
	count(msgs) == 1
	some msg in msgs
	contains(msg, `container "init"`)
}

test_cronjob_denied if {
	cj := {
		"apiVersion": "batch/v1",
		"kind": "CronJob",
		"metadata": {"name": "cj"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x", "env": [{"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "x"}]}]}}}}},
	}
	count(policy.deny) == 1 with input as cj
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"GF_SECURITY_ADMIN_PASSWORD": "x"}}
}
