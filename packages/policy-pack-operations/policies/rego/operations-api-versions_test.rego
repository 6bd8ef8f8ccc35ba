package sccp.operations_api_versions_test

import data.sccp.operations_api_versions as policy

cron_job(api_version) := {
	"apiVersion": api_version,
	"kind": "CronJob",
	"metadata": {"name": "report", "namespace": "shop"},
	"spec": {"schedule": "0 3 * * *"},
}

test_removed_version_denied if {
	some msg in policy.deny with input as cron_job("batch/v1beta1")
	msg == "operations-api-versions: CronJob shop/report: batch/v1beta1 CronJob was removed in Kubernetes 1.25 (the platform runs up to 1.37); replacement: batch/v1 CronJob"
}

test_served_version_allowed if {
	count(policy.deny) == 0 with input as cron_job("batch/v1")
}

test_other_group_allowed if {
	count(policy.deny) == 0 with input as cron_job("batch.example.com/v1beta1")
}

test_deprecated_version_denied_from_its_minor if {
	mutating := {"apiVersion": "admissionregistration.k8s.io/v1beta1", "kind": "MutatingAdmissionPolicy", "metadata": {"name": "labels"}}
	count(policy.deny) == 0 with input as mutating with data.parameters as {"kubernetesVersion": "1.36"}
	some msg in policy.deny with input as mutating
	msg == "operations-api-versions: MutatingAdmissionPolicy /labels: admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicy is deprecated since Kubernetes 1.37 and removed in 1.40 (the platform runs up to 1.37); replacement: admissionregistration.k8s.io/v1 MutatingAdmissionPolicy"
}

test_removed_on_an_older_platform_is_only_deprecated if {
	some msg in policy.deny with input as cron_job("batch/v1beta1") with data.parameters as {"kubernetesVersion": "1.24"}
	contains(msg, "is deprecated since Kubernetes 1.21 and removed in 1.25 (the platform runs up to 1.24)")
	count(policy.deny) == 0 with input as cron_job("batch/v1beta1") with data.parameters as {"kubernetesVersion": "1.20"}
}

test_no_replacement_named if {
	some msg in policy.deny with input as {"apiVersion": "events.k8s.io/v1beta1", "kind": "Event", "metadata": {"name": "e", "namespace": "shop"}}
	endswith(msg, "replacement: none")
}
