package sccp.rook_ceph_pvc_storage_class_test

import data.sccp.rook_ceph_pvc_storage_class as policy

pvc(spec) := {
	"apiVersion": "v1",
	"kind": "PersistentVolumeClaim",
	"metadata": {"name": "data", "namespace": "apps"},
	"spec": object.union({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}, spec),
}

test_ceph_block_allowed if {
	count(policy.deny) == 0 with input as pvc({"storageClassName": "ceph-block"})
}

test_ceph_filesystem_allowed if {
	count(policy.deny) == 0 with input as pvc({"storageClassName": "ceph-filesystem", "accessModes": ["ReadWriteMany"]})
}

test_missing_class_denied if {
	some msg in policy.deny with input as pvc({})
	startswith(msg, "rook-ceph-pvc-storage-class: ")
	contains(msg, "apps/data")
	contains(msg, "does not set spec.storageClassName")
}

test_other_class_denied if {
	some msg in policy.deny with input as pvc({"storageClassName": "local-path"})
	contains(msg, "local-path")
}

test_empty_class_denied if {
	count(policy.deny) == 1 with input as pvc({"storageClassName": ""})
}

test_bucket_class_denied if {
	# ceph-bucket is for ObjectBucketClaims, not volumes.
	count(policy.deny) == 1 with input as pvc({"storageClassName": "ceph-bucket"})
}

test_exactly_one_message if {
	count(policy.deny) == 1 with input as pvc({})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "v1",
		"kind": "PersistentVolume",
		"metadata": {"name": "pv-1"},
		"spec": {"capacity": {"storage": "1Gi"}},
	}
}
