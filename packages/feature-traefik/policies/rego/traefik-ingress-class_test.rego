package sccp.traefik_ingress_class_test

import data.sccp.traefik_ingress_class

ingress(spec) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": spec,
}

test_class_set_passes if {
	count(traefik_ingress_class.deny) == 0 with input as ingress({"ingressClassName": "traefik"})
}

test_missing_class_denied if {
	traefik_ingress_class.deny == {`traefik-ingress-class: Ingress "web" does not set spec.ingressClassName`} with input as ingress({})
}

test_empty_class_denied if {
	count(traefik_ingress_class.deny) == 1 with input as ingress({"ingressClassName": ""})
}

test_annotation_alone_denied if {
	inp := object.union(ingress({}), {"metadata": {"name": "web", "annotations": {"kubernetes.io/ingress.class": "traefik"}}})
	count(traefik_ingress_class.deny) == 1 with input as inp
}

test_non_string_class_denied if {
	count(traefik_ingress_class.deny) == 1 with input as ingress({"ingressClassName": 7})
}

test_other_kinds_ignored if {
	count(traefik_ingress_class.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}
}
