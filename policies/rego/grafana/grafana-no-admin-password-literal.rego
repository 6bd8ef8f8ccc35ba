# Grafana admin password comes from a Secret: every container (init and ephemeral included) of a Pod
# or pod controller that sets GF_SECURITY_ADMIN_PASSWORD must take it from valueFrom.secretKeyRef,
# with no literal value. Same rule as policies/kyverno/grafana-no-admin-password-literal.yaml.
package sccp.grafana_no_admin_password_literal

# The workloads evaluated, by apiVersion and kind: Pod and ReplicationController (v1), DaemonSet,
# Deployment, ReplicaSet and StatefulSet (apps/v1), Job and CronJob (batch/v1). A kind of the same
# name in another API group (a batch.volcano.sh Job) is something else and is not evaluated.
template_kinds := {
	["v1", "ReplicationController"],
	["apps/v1", "DaemonSet"],
	["apps/v1", "Deployment"],
	["apps/v1", "ReplicaSet"],
	["apps/v1", "StatefulSet"],
	["batch/v1", "Job"],
}

pod_spec := input.spec if {
	input.apiVersion == "v1"
	input.kind == "Pod"
}

pod_spec := input.spec.template.spec if [input.apiVersion, input.kind] in template_kinds

pod_spec := input.spec.jobTemplate.spec.template.spec if {
	input.apiVersion == "batch/v1"
	input.kind == "CronJob"
}

# Each container list on its own (a null, empty or absent list adds nothing and switches no check off).
containers contains c if some c in pod_spec.containers

containers contains c if some c in pod_spec.initContainers

containers contains c if some c in pod_spec.ephemeralContainers

has_literal(e) if {
	is_string(e.value)
	e.value != ""
}

from_secret(e) if {
	not has_literal(e)
	is_object(e.valueFrom.secretKeyRef)
}

deny contains msg if {
	some c in containers
	some e in c.env
	e.name == "GF_SECURITY_ADMIN_PASSWORD"
	not from_secret(e)
	msg := sprintf(
		"grafana-no-admin-password-literal: %s %s: container \"%s\" sets GF_SECURITY_ADMIN_PASSWORD without valueFrom.secretKeyRef; take it from a Secret",
		[input.kind, input.metadata.name, c.name],
	)
}
