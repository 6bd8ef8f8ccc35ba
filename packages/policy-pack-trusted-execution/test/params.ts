import { kyvernoParameters, parameters } from '../src';

/** The parameters the fixtures are written for (also in policies/kyverno/resources/test-parameters/values.yaml). */
export const TEST_PARAMETERS = parameters({ allowedRegistries: ['registry.example.com/', 'ghcr.io/acme/'], requireSignedCommits: true });

/** The same parameters for the Kyverno CLI: the ConfigMap data the policies read, as the context variable they fetch it into. */
export const TEST_KYVERNO_VALUES = { sccpParameters: kyvernoParameters(TEST_PARAMETERS).data };

/** The API groups of the workloads the image policies evaluate; a same-named kind of another group is never denied. */
const WORKLOAD_API_VERSIONS = new Set(['v1', 'apps/v1', 'batch/v1']);
export const isWorkload = (resource: { apiVersion?: string }) => WORKLOAD_API_VERSIONS.has(resource.apiVersion ?? '');
