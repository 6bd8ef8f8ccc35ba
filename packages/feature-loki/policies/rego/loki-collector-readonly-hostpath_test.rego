package sccp.loki_collector_readonly_hostpath_test

import data.sccp.loki_collector_readonly_hostpath as policy

pod(mounts, volumes) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "p", "namespace": "logging"},
	"spec": {"containers": [{"name": "c", "image": "x", "volumeMounts": mounts}], "volumes": volumes},
}

host(name, path) := {"name": name, "hostPath": {"path": path}}

test_read_only_var_log_allowed if {
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/var/log", "readOnly": true}], [host("v", "/var/log")])
}

test_writable_var_log_denied if {
	some msg in policy.deny with input as pod([{"name": "v", "mountPath": "/var/log"}], [host("v", "/var/log")])
	startswith(msg, "loki-collector-readonly-hostpath: ")
	contains(msg, `"/var/log"`)
}

test_read_only_false_denied if {
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/x", "readOnly": false}], [host("v", "/var/log/pods")])
}

test_parents_denied if {
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/host"}], [host("v", "/")])
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/host"}], [host("v", "/var/")])
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/host"}], [host("v", "//var//log")])
}

test_similar_paths_allowed if {
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/x"}], [host("v", "/var/logs")])
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/x"}], [host("v", "/var/lib/kubelet")])
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/x"}], [host("v", "/varlog")])
}

test_sub_path_counts if {
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/x", "subPath": "log"}], [host("v", "/var")])
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/x", "subPath": "lib/foo"}], [host("v", "/var")])
	count(policy.deny) == 1 with input as pod([{"name": "v", "mountPath": "/x", "subPath": ""}], [host("v", "/var")])
}

test_non_host_path_volume_allowed if {
	count(policy.deny) == 0 with input as pod([{"name": "v", "mountPath": "/var/log"}], [{"name": "v", "emptyDir": {}}])
}

test_only_the_matching_volume_counts if {
	count(policy.deny) == 0 with input as pod(
		[{"name": "cfg", "mountPath": "/etc/x"}, {"name": "logs", "mountPath": "/var/log", "readOnly": true}],
		[{"name": "cfg", "configMap": {"name": "x"}}, host("logs", "/var/log")],
	)
}

test_daemonset_init_container_denied if {
	ds := {
		"apiVersion": "apps/v1",
		"kind": "DaemonSet",
		"metadata": {"name": "d"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "init", "image": "x", "volumeMounts": [{"name": "v", "mountPath": "/l"}]}],
			"containers": [{"name": "main", "image": "x", "volumeMounts": [{"name": "v", "mountPath": "/l", "readOnly": true}]}],
			"volumes": [host("v", "/var/log")],
		}}},
	}
	msgs := policy.deny with input as ds
	count(msgs) == 1
	some msg in msgs
	contains(msg, `container "init"`)
}

test_cronjob_denied if {
	cj := {
		"apiVersion": "batch/v1",
		"kind": "CronJob",
		"metadata": {"name": "cj"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {
			"containers": [{"name": "main", "image": "x", "volumeMounts": [{"name": "v", "mountPath": "/l"}]}],
			"volumes": [host("v", "/var/log")],
		}}}}},
	}
	count(policy.deny) == 1 with input as cj
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "b"}}
}
