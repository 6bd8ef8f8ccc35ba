# METADATA
# title: No deprecated or removed Kubernetes API versions
# description: >-
#   An object may not use an API version that Kubernetes deprecated or removed in the newest
#   Kubernetes version the platform runs on (parameter kubernetesVersion, 1.<minor>; the platform
#   sets its profile's newest, default 1.37). A removed version no longer exists there; a deprecated
#   one will be removed, and the API server warns about it. The table is the API lifecycle that
#   k8s.io/api itself declares (APILifecycleDeprecated, APILifecycleRemoved and
#   APILifecycleReplacement of every type), kept equal to it by a test. Only those group, version
#   and kind triples are evaluated; the same kind in a served version, or in another API group, is
#   not.
# custom:
#   kinds:
#     - apiGroups: [admissionregistration.k8s.io]
#       kinds: [MutatingAdmissionPolicy, MutatingAdmissionPolicyBinding, MutatingWebhookConfiguration, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, ValidatingWebhookConfiguration]
#     - apiGroups: [apps]
#       kinds: [ControllerRevision, DaemonSet, Deployment, DeploymentRollback, ReplicaSet, Scale, StatefulSet]
#     - apiGroups: [authentication.k8s.io]
#       kinds: [SelfSubjectReview, TokenReview]
#     - apiGroups: [authorization.k8s.io]
#       kinds: [LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview]
#     - apiGroups: [batch]
#       kinds: [CronJob]
#     - apiGroups: [certificates.k8s.io]
#       kinds: [CertificateSigningRequest, ClusterTrustBundle, PodCertificateRequest]
#     - apiGroups: [coordination.k8s.io]
#       kinds: [Lease, LeaseCandidate]
#     - apiGroups: [discovery.k8s.io]
#       kinds: [EndpointSlice]
#     - apiGroups: [events.k8s.io]
#       kinds: [Event]
#     - apiGroups: [extensions]
#       kinds: [DaemonSet, Deployment, DeploymentRollback, Ingress, NetworkPolicy, ReplicaSet, Scale]
#     - apiGroups: [flowcontrol.apiserver.k8s.io]
#       kinds: [FlowSchema, PriorityLevelConfiguration]
#     - apiGroups: [lifecycle.k8s.io]
#       kinds: [Eviction, EvictionRequest]
#     - apiGroups: [networking.k8s.io]
#       kinds: [IPAddress, Ingress, IngressClass, ServiceCIDR]
#     - apiGroups: [node.k8s.io]
#       kinds: [RuntimeClass]
#     - apiGroups: [policy]
#       kinds: [Eviction, PodDisruptionBudget]
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRole, ClusterRoleBinding, Role, RoleBinding]
#     - apiGroups: [resource.k8s.io]
#       kinds: [DeviceClass, DeviceTaintRule, ResourceClaim, ResourceClaimTemplate, ResourcePoolStatusRequest, ResourceSlice]
#     - apiGroups: [scheduling.k8s.io]
#       kinds: [PodGroup, PriorityClass, Workload]
#     - apiGroups: [storage.k8s.io]
#       kinds: [CSIDriver, CSINode, CSIStorageCapacity, StorageClass, VolumeAttachment, VolumeAttributesClass]
#     - apiGroups: [storagemigration.k8s.io]
#       kinds: [StorageVersionMigration]
package sccp.operations_api_versions

# apiVersion/kind: the minor version that deprecated it, the one that removed it (1.<minor>), and
# its replacement when Kubernetes names one. From k8s.io/api (zz_generated.prerelease-lifecycle.go),
# test/lifecycle.test.ts keeps it equal to the pinned module and to the Kyverno policy.
lifecycle := {
	"admissionregistration.k8s.io/v1alpha1/MutatingAdmissionPolicy": {"deprecated": 35, "removed": 38},
	"admissionregistration.k8s.io/v1alpha1/MutatingAdmissionPolicyBinding": {"deprecated": 35, "removed": 38},
	"admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicy": {"deprecated": 29, "removed": 32},
	"admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicyBinding": {"deprecated": 29, "removed": 32},
	"admissionregistration.k8s.io/v1beta1/MutatingAdmissionPolicy": {"deprecated": 37, "replacement": "admissionregistration.k8s.io/v1 MutatingAdmissionPolicy", "removed": 40},
	"admissionregistration.k8s.io/v1beta1/MutatingAdmissionPolicyBinding": {"deprecated": 37, "replacement": "admissionregistration.k8s.io/v1 MutatingAdmissionPolicyBinding", "removed": 40},
	"admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration": {"deprecated": 16, "replacement": "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration", "removed": 22},
	"admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy": {"deprecated": 31, "removed": 34},
	"admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding": {"deprecated": 31, "removed": 34},
	"admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration": {"deprecated": 16, "replacement": "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration", "removed": 22},
	"apps/v1beta1/ControllerRevision": {"deprecated": 8, "replacement": "apps/v1 ControllerRevision", "removed": 16},
	"apps/v1beta1/Deployment": {"deprecated": 8, "replacement": "apps/v1 Deployment", "removed": 16},
	"apps/v1beta1/DeploymentRollback": {"deprecated": 8, "replacement": "apps/v1 DeploymentRollback", "removed": 16},
	"apps/v1beta1/Scale": {"deprecated": 8, "replacement": "autoscaling/v1 Scale", "removed": 16},
	"apps/v1beta1/StatefulSet": {"deprecated": 8, "replacement": "apps/v1 StatefulSet", "removed": 16},
	"apps/v1beta2/ControllerRevision": {"deprecated": 9, "replacement": "apps/v1 ControllerRevision", "removed": 16},
	"apps/v1beta2/DaemonSet": {"deprecated": 9, "replacement": "apps/v1 DaemonSet", "removed": 16},
	"apps/v1beta2/Deployment": {"deprecated": 9, "replacement": "apps/v1 Deployment", "removed": 16},
	"apps/v1beta2/ReplicaSet": {"deprecated": 9, "replacement": "apps/v1 ReplicaSet", "removed": 16},
	"apps/v1beta2/Scale": {"deprecated": 9, "replacement": "autoscaling/v1 Scale", "removed": 16},
	"apps/v1beta2/StatefulSet": {"deprecated": 9, "replacement": "apps/v1 StatefulSet", "removed": 16},
	"authentication.k8s.io/v1alpha1/SelfSubjectReview": {"deprecated": 29, "removed": 32},
	"authentication.k8s.io/v1beta1/SelfSubjectReview": {"deprecated": 30, "removed": 33},
	"authentication.k8s.io/v1beta1/TokenReview": {"deprecated": 19, "replacement": "authentication.k8s.io/v1 TokenReview", "removed": 22},
	"authorization.k8s.io/v1beta1/LocalSubjectAccessReview": {"deprecated": 19, "replacement": "authorization.k8s.io/v1 LocalSubjectAccessReview", "removed": 22},
	"authorization.k8s.io/v1beta1/SelfSubjectAccessReview": {"deprecated": 19, "replacement": "authorization.k8s.io/v1 SelfSubjectAccessReview", "removed": 22},
	"authorization.k8s.io/v1beta1/SelfSubjectRulesReview": {"deprecated": 19, "replacement": "authorization.k8s.io/v1 SelfSubjectRulesReview", "removed": 22},
	"authorization.k8s.io/v1beta1/SubjectAccessReview": {"deprecated": 19, "replacement": "authorization.k8s.io/v1 SubjectAccessReview", "removed": 22},
	"batch/v1beta1/CronJob": {"deprecated": 21, "replacement": "batch/v1 CronJob", "removed": 25},
	"certificates.k8s.io/v1alpha1/ClusterTrustBundle": {"deprecated": 34, "removed": 37},
	"certificates.k8s.io/v1beta1/CertificateSigningRequest": {"deprecated": 19, "replacement": "certificates.k8s.io/v1 CertificateSigningRequest", "removed": 22},
	"certificates.k8s.io/v1beta1/ClusterTrustBundle": {"deprecated": 37, "replacement": "certificates.k8s.io/v1 ClusterTrustBundle", "removed": 40},
	"certificates.k8s.io/v1beta1/PodCertificateRequest": {"deprecated": 37, "replacement": "certificates.k8s.io/v1 PodCertificateRequest", "removed": 40},
	"coordination.k8s.io/v1alpha2/LeaseCandidate": {"deprecated": 35, "removed": 38},
	"coordination.k8s.io/v1beta1/Lease": {"deprecated": 19, "replacement": "coordination.k8s.io/v1 Lease", "removed": 22},
	"coordination.k8s.io/v1beta1/LeaseCandidate": {"deprecated": 36, "removed": 39},
	"discovery.k8s.io/v1beta1/EndpointSlice": {"deprecated": 21, "replacement": "discovery.k8s.io/v1 EndpointSlice", "removed": 25},
	"events.k8s.io/v1beta1/Event": {"deprecated": 22, "removed": 25},
	"extensions/v1beta1/DaemonSet": {"deprecated": 8, "replacement": "apps/v1 DaemonSet", "removed": 16},
	"extensions/v1beta1/Deployment": {"deprecated": 8, "replacement": "apps/v1 Deployment", "removed": 16},
	"extensions/v1beta1/DeploymentRollback": {"deprecated": 8, "removed": 16},
	"extensions/v1beta1/Ingress": {"deprecated": 14, "replacement": "networking.k8s.io/v1 Ingress", "removed": 22},
	"extensions/v1beta1/NetworkPolicy": {"deprecated": 9, "replacement": "networking.k8s.io/v1 NetworkPolicy", "removed": 16},
	"extensions/v1beta1/ReplicaSet": {"deprecated": 8, "replacement": "apps/v1 ReplicaSet", "removed": 16},
	"extensions/v1beta1/Scale": {"deprecated": 2, "removed": 16},
	"flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema": {"deprecated": 23, "replacement": "flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema", "removed": 26},
	"flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration": {"deprecated": 23, "replacement": "flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration", "removed": 26},
	"flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema": {"deprecated": 26, "replacement": "flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema", "removed": 29},
	"flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration": {"deprecated": 26, "replacement": "flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration", "removed": 29},
	"flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema": {"deprecated": 29, "replacement": "flowcontrol.apiserver.k8s.io/v1 FlowSchema", "removed": 32},
	"flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration": {"deprecated": 29, "replacement": "flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration", "removed": 32},
	"lifecycle.k8s.io/v1alpha1/Eviction": {"deprecated": 40, "removed": 43},
	"lifecycle.k8s.io/v1alpha1/EvictionRequest": {"deprecated": 40, "removed": 43},
	"networking.k8s.io/v1beta1/IPAddress": {"deprecated": 34, "removed": 37},
	"networking.k8s.io/v1beta1/Ingress": {"deprecated": 19, "replacement": "networking.k8s.io/v1 Ingress", "removed": 22},
	"networking.k8s.io/v1beta1/IngressClass": {"deprecated": 19, "replacement": "networking.k8s.io/v1 IngressClassList", "removed": 22},
	"networking.k8s.io/v1beta1/ServiceCIDR": {"deprecated": 34, "removed": 37},
	"node.k8s.io/v1beta1/RuntimeClass": {"deprecated": 22, "removed": 25},
	"policy/v1beta1/Eviction": {"deprecated": 22, "removed": 25},
	"policy/v1beta1/PodDisruptionBudget": {"deprecated": 21, "replacement": "policy/v1 PodDisruptionBudget", "removed": 25},
	"rbac.authorization.k8s.io/v1beta1/ClusterRole": {"deprecated": 17, "replacement": "rbac.authorization.k8s.io/v1 ClusterRole", "removed": 22},
	"rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding": {"deprecated": 17, "replacement": "rbac.authorization.k8s.io/v1 ClusterRoleBinding", "removed": 22},
	"rbac.authorization.k8s.io/v1beta1/Role": {"deprecated": 17, "replacement": "rbac.authorization.k8s.io/v1 Role", "removed": 22},
	"rbac.authorization.k8s.io/v1beta1/RoleBinding": {"deprecated": 17, "replacement": "rbac.authorization.k8s.io/v1 RoleBinding", "removed": 22},
	"resource.k8s.io/v1alpha3/DeviceTaintRule": {"deprecated": 36, "removed": 39},
	"resource.k8s.io/v1alpha3/ResourcePoolStatusRequest": {"deprecated": 39, "removed": 42},
	"resource.k8s.io/v1beta1/DeviceClass": {"deprecated": 35, "removed": 38},
	"resource.k8s.io/v1beta1/ResourceClaim": {"deprecated": 35, "removed": 38},
	"resource.k8s.io/v1beta1/ResourceClaimTemplate": {"deprecated": 35, "removed": 38},
	"resource.k8s.io/v1beta1/ResourceSlice": {"deprecated": 35, "removed": 38},
	"resource.k8s.io/v1beta2/DeviceClass": {"deprecated": 36, "removed": 39},
	"resource.k8s.io/v1beta2/DeviceTaintRule": {"deprecated": 39, "removed": 42},
	"resource.k8s.io/v1beta2/ResourceClaim": {"deprecated": 36, "removed": 39},
	"resource.k8s.io/v1beta2/ResourceClaimTemplate": {"deprecated": 36, "removed": 39},
	"resource.k8s.io/v1beta2/ResourceSlice": {"deprecated": 36, "removed": 39},
	"scheduling.k8s.io/v1beta1/PodGroup": {"deprecated": 40, "removed": 43},
	"scheduling.k8s.io/v1beta1/PriorityClass": {"deprecated": 14, "replacement": "scheduling.k8s.io/v1 PriorityClass", "removed": 22},
	"scheduling.k8s.io/v1beta1/Workload": {"deprecated": 40, "removed": 43},
	"storage.k8s.io/v1alpha1/CSIStorageCapacity": {"deprecated": 21, "replacement": "storage.k8s.io/v1beta1 CSIStorageCapacity", "removed": 24},
	"storage.k8s.io/v1alpha1/VolumeAttachment": {"deprecated": 21, "replacement": "storage.k8s.io/v1 VolumeAttachment", "removed": 24},
	"storage.k8s.io/v1alpha1/VolumeAttributesClass": {"deprecated": 32, "replacement": "storage.k8s.io/v1 VolumeAttributesClass", "removed": 35},
	"storage.k8s.io/v1beta1/CSIDriver": {"deprecated": 19, "replacement": "storage.k8s.io/v1 CSIDriver", "removed": 22},
	"storage.k8s.io/v1beta1/CSINode": {"deprecated": 17, "replacement": "storage.k8s.io/v1 CSINode", "removed": 22},
	"storage.k8s.io/v1beta1/CSIStorageCapacity": {"deprecated": 24, "replacement": "storage.k8s.io/v1 CSIStorageCapacity", "removed": 27},
	"storage.k8s.io/v1beta1/StorageClass": {"deprecated": 19, "replacement": "storage.k8s.io/v1 StorageClass", "removed": 22},
	"storage.k8s.io/v1beta1/VolumeAttachment": {"deprecated": 19, "replacement": "storage.k8s.io/v1 VolumeAttachment", "removed": 22},
	"storage.k8s.io/v1beta1/VolumeAttributesClass": {"deprecated": 34, "replacement": "storage.k8s.io/v1 VolumeAttributesClass", "removed": 37},
	"storagemigration.k8s.io/v1beta1/StorageVersionMigration": {"deprecated": 37, "replacement": "storagemigration.k8s.io/v1 StorageVersionMigration", "removed": 40},
}

# The newest Kubernetes minor version the platform runs on: parameter kubernetesVersion ("1.<minor>").
default kubernetes_version := "1.37"

kubernetes_version := data.parameters.kubernetesVersion

kubernetes_minor := to_number(split(kubernetes_version, ".")[1])

entry := lifecycle[concat("/", [input.apiVersion, input.kind])]

subject := sprintf("%s %s/%s", [input.kind, object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

replacement := object.get(entry, "replacement", "none")

deny contains msg if {
	entry.removed <= kubernetes_minor
	msg := sprintf(
		"operations-api-versions: %s: %s %s was removed in Kubernetes 1.%d (the platform runs up to %s); replacement: %s",
		[subject, input.apiVersion, input.kind, entry.removed, kubernetes_version, replacement],
	)
}

deny contains msg if {
	entry.removed > kubernetes_minor
	entry.deprecated <= kubernetes_minor
	msg := sprintf(
		"operations-api-versions: %s: %s %s is deprecated since Kubernetes 1.%d and removed in 1.%d (the platform runs up to %s); replacement: %s",
		[subject, input.apiVersion, input.kind, entry.deprecated, entry.removed, kubernetes_version, replacement],
	)
}
