# A PersistentVolumeClaim must name one of the platform's Ceph storage classes explicitly
# (ceph-block or ceph-filesystem, the rook-ceph feature's defaults) instead of relying on the
# cluster's default storage class.
package sccp.rook_ceph_pvc_storage_class

ceph_classes := {"ceph-block", "ceph-filesystem"}

is_pvc if {
	input.apiVersion == "v1"
	input.kind == "PersistentVolumeClaim"
}

storage_class := object.get(input, ["spec", "storageClassName"], null)

ref := sprintf("%s/%s", [object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

deny contains msg if {
	is_pvc
	storage_class == null
	msg := sprintf("rook-ceph-pvc-storage-class: PersistentVolumeClaim %s does not set spec.storageClassName; name ceph-block or ceph-filesystem instead of relying on the default storage class", [ref])
}

deny contains msg if {
	is_pvc
	storage_class != null
	not storage_class in ceph_classes
	msg := sprintf("rook-ceph-pvc-storage-class: PersistentVolumeClaim %s uses storage class %v; use ceph-block or ceph-filesystem", [ref, storage_class])
}
