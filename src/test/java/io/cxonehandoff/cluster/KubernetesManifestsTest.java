package io.cxonehandoff.cluster;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes parsed with fabric8's model (the same classes the API server's schema generates):
 * no unknown field anywhere, RBAC exactly what the Lease needs, labels and selectors that agree, probes
 * on the management port, every credential from a Secret, a non-root read-only container, no data volume.
 * Rendered with {@code kubectl kustomize} too where kubectl is installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("deploy", "kubernetes", "base");
    private static final Path POSTGRESQL = Path.of("deploy", "kubernetes", "overlays", "postgresql");
    private static final String NAME_LABEL = "app.kubernetes.io/name";

    @Test
    void theBaseIsValidAndConsistent() throws Exception {
        List<HasMetadata> base = new ArrayList<>();
        for (String file : kustomizationResources(BASE)) {
            base.addAll(parse(Files.readString(BASE.resolve(file))));
        }
        assertThat(base).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Deployment", "PodDisruptionBudget");
        assertConsistent(base);
        assertThat(env(deployment(base))).doesNotContainKey("CXONE_HANDOFF_JDBC_URL");
    }

    @Test
    void thePostgresqlOverlayTakesTheDatabaseCredentialsFromASecret() throws Exception {
        assertThat(kustomizationResources(POSTGRESQL)).containsExactly("../../base");
        Deployment patch = (Deployment) parse(Files.readString(POSTGRESQL.resolve("shared-store.yaml"))).get(0);
        Map<String, EnvVar> env = env(patch);
        assertThat(env).containsOnlyKeys("CXONE_HANDOFF_JDBC_URL", "CXONE_HANDOFF_JDBC_USER", "CXONE_HANDOFF_JDBC_PASSWORD");
        env.values().forEach(v -> {
            assertThat(v.getValue()).as(v.getName()).isNull();
            assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cxone-handoff-jdbc");
        });
        assertThat(env.get("CXONE_HANDOFF_JDBC_URL").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
        assertThat(env.get("CXONE_HANDOFF_JDBC_USER").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("user");
        assertThat(env.get("CXONE_HANDOFF_JDBC_PASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void kubectlKustomizeRendersTheOverlayIntoTheSameConsistentSet() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", POSTGRESQL.toString()).redirectErrorStream(true).start();
        String rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as(rendered).isZero();

        List<HasMetadata> resources = parse(rendered);
        assertConsistent(resources);
        Deployment deployment = deployment(resources);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("cxone-handoff:0.1.0");
        // the base's environment and the overlay's, merged
        assertThat(env(deployment)).containsKeys("CXONE_HANDOFF_CLUSTER", "CXONE_CLIENT_SECRET", "CXONE_HANDOFF_JDBC_URL",
                "CXONE_HANDOFF_JDBC_PASSWORD");
    }

    /** What must hold of the base and of every rendered overlay. */
    private static void assertConsistent(List<HasMetadata> resources) throws Exception {
        Deployment deployment = deployment(resources);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        // two replicas, selected by the pods' own labels, everywhere a selector appears
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(podLabels).containsEntry(NAME_LABEL, "cxone-handoff");
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        PodDisruptionBudget pdb = only(resources, PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        pod.getTopologySpreadConstraints().forEach(c -> assertThat(podLabels).containsAllEntriesOf(c.getLabelSelector().getMatchLabels()));

        // the leader election: Lease, this pod's name and namespace, members = pods with these labels
        Map<String, EnvVar> env = env(deployment);
        assertThat(env.get("CXONE_HANDOFF_CLUSTER").getValue()).isEqualTo("kubernetes");
        assertThat(podLabels).containsAllEntriesOf(ClusterServiceFactory.labels(env.get("CXONE_HANDOFF_CLUSTER_LABELS").getValue()));
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");

        // RBAC: exactly leases get/create/update and pods list/get, for the Deployment's service account
        ServiceAccount account = only(resources, ServiceAccount.class);
        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        Role role = only(resources, Role.class);
        Map<String, Set<String>> verbs = new TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    verbs.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        assertThat(verbs).isEqualTo(Map.of(
                "coordination.k8s.io/leases", Set.of("get", "create", "update"),
                "/pods", Set.of("list", "get")));
        RoleBinding binding = only(resources, RoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
        });

        // probes on the management port (8080), liveness and readiness on their own paths
        int management = container.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();
        assertThat(management).isEqualTo(8080);
        assertProbe(container.getStartupProbe(), "/observe/health/live");
        assertProbe(container.getLivenessProbe(), "/observe/health/live");
        assertProbe(container.getReadinessProbe(), "/observe/health/ready");

        // every credential from a Secret, none as a literal
        for (EnvVar var : env.values()) {
            if (isCredential(var.getName())) {
                assertThat(var.getValue()).as(var.getName() + " as a literal").isNull();
                assertThat(var.getValueFrom().getSecretKeyRef()).as(var.getName()).isNotNull();
                assertThat(var.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
                assertThat(var.getValueFrom().getSecretKeyRef().getKey()).isNotBlank();
            }
        }
        assertThat(env).containsKeys("CXONE_BASE_URL", "CXONE_WS_URL", "CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET",
                "CXONE_QUEUE_ID", "HAWTIO_USER", "HAWTIO_PASSWORD");
        // the console is optional: no Secret, no console
        assertThat(env.get("HAWTIO_PASSWORD").getValueFrom().getSecretKeyRef().getOptional()).isTrue();

        // non-root (the image's uid), nothing to escalate, read-only root filesystem
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("--uid 10001");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

        // resources: requested and bounded, limits at least the requests
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(limits.get("memory"))).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
        assertThat(Quantity.getAmountInBytes(limits.get("cpu"))).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));

        // no data volume: the state is in PostgreSQL, /tmp is scratch
        assertThat(pod.getVolumes()).allSatisfy(v -> {
            assertThat(v.getPersistentVolumeClaim()).isNull();
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).doesNotContain("/app/data");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static boolean isCredential(String name) {
        return name.startsWith("CXONE_") && !name.startsWith("CXONE_HANDOFF_") && !name.equals("CXONE_RATE_LIMIT_RPS")
               || name.startsWith("HAWTIO_") || name.contains("JDBC");
    }

    /** Every document of a YAML text as fabric8 objects, refusing any field the model does not know. */
    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            Object parsed = Serialization.unmarshal(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
            List<?> items = parsed instanceof KubernetesList list ? list.getItems() : List.of(parsed);
            for (Object item : items) {
                assertThat(item).as("a known Kubernetes kind").isInstanceOf(HasMetadata.class);
                assertNoUnknownFields(item, ((HasMetadata) item).getKind(), new IdentityHashMap<>());
                resources.add((HasMetadata) item);
            }
        }
        return resources;
    }

    /** A misspelt field lands in the model's additionalProperties: there must be none, at any depth. */
    private static void assertNoUnknownFields(Object node, String where, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof List<?> list) {
            list.forEach(item -> assertNoUnknownFields(item, where + "[]", seen));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> assertNoUnknownFields(v, where + "{}", seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    assertThat((Map<?, ?>) value).as("unknown fields in " + where).isNullOrEmpty();
                } else {
                    assertNoUnknownFields(value, where + "." + getter.getName().substring(3), seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> kustomizationResources(Path dir) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("kustomization.yaml"))) {
            Map<String, Object> kustomization = Serialization.unmarshal(in, Map.class);
            return (List<String>) kustomization.get("resources");
        }
    }

    private static Deployment deployment(List<HasMetadata> resources) {
        return only(resources, Deployment.class);
    }

    private static <T> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        Map<String, EnvVar> env = new TreeMap<>();
        for (EnvVar var : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            assertThat(env.put(var.getName(), var)).as("duplicate " + var.getName()).isNull();
        }
        return env;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
