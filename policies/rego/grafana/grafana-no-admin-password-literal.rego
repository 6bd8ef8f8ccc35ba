# Grafana admin password comes from a Secret: every container (init and ephemeral included) of a Pod
# or pod controller that sets GF_SECURITY_ADMIN_PASSWORD must take it from valueFrom.secretKeyRef,
# with no literal value. Same rule as policies/kyverno/grafana-no-admin-password-literal.yaml.
package sccp.grafana_no_admin_password_literal

controllers := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in controllers

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

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
