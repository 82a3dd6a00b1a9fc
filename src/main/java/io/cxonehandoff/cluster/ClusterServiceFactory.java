package io.cxonehandoff.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cxonehandoff.support.JdbcSettings;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the cluster service that {@code master:} endpoints use, chosen by {@code cluster.mode}
 * (CXONE_HANDOFF_CLUSTER):
 * <ul>
 * <li>unset / {@code none}: {@link SingleMemberClusterService}, always the leader (today's single process);
 * <li>{@code file}: camel-file's {@link FileLockClusterService}, one host, a lock file under the data dir;
 * <li>{@code postgresql}: {@link PostgresLockClusterService}, a session advisory lock in the shared database;
 * <li>{@code kubernetes}: camel-kubernetes' {@link KubernetesClusterService}, a Lease in the pod's namespace.
 * </ul>
 * A plain bean (no Spring Boot), configured from application.properties; {@link #create()} makes the
 * service, which the {@code clusterService} bean ({@link ConfiguredClusterService}) runs.
 */
public class ClusterServiceFactory {

    /** The namespace (view) the routes lead: {@code master:cxone-handoff:...}. */
    public static final String DEFAULT_NAMESPACE = "cxone-handoff";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterServiceFactory.class);

    private String mode = "";
    private String memberId = "";
    private String clusterName = "cxone-handoff";
    private String dataDir = "data";
    private long fileHeartbeatMs = 1000;
    private int fileHeartbeatMultiplier = 3;
    private JdbcSettings jdbc = new JdbcSettings();
    private long postgresPollMs = 1000;
    private long postgresSessionTimeoutMs = 5000;
    private String kubernetesMasterUrl = "";
    private String kubernetesNamespace = "";
    private String kubernetesPodName = "";
    private String kubernetesLabels = "app.kubernetes.io/name=cxone-handoff";
    private long kubernetesLeaseMs = 6000;
    private long kubernetesRenewMs = 4000;
    private long kubernetesRetryMs = 1000;

    /** A new, unstarted cluster service for the configured mode. */
    public CamelClusterService create() {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        CamelClusterService service = switch (m) {
            case "", "none" -> new SingleMemberClusterService();
            case "file" -> file();
            case "postgresql" -> postgresql();
            case "kubernetes" -> kubernetes();
            default -> throw new IllegalArgumentException(
                    "CXONE_HANDOFF_CLUSTER must be file, postgresql, kubernetes or unset, not '" + mode + "'");
        };
        LOG.info("Cluster service: {} (member {})", m.isEmpty() ? "none (single process)" : m, service.getId());
        return service;
    }

    private FileLockClusterService file() {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(member());
        service.setRoot(Path.of(dataDir, "cluster", clusterName).toString());
        // Camel's default (10 s x 5) sees a dead leader after ~50 s; all members must use the same figures
        service.setAcquireLockInterval(fileHeartbeatMs, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(fileHeartbeatMultiplier);
        service.setAcquireLockDelay(fileHeartbeatMs, TimeUnit.MILLISECONDS);
        return service;
    }

    private PostgresLockClusterService postgresql() {
        if (!jdbc.isSet()) {
            throw new IllegalStateException("CXONE_HANDOFF_CLUSTER=postgresql needs CXONE_HANDOFF_JDBC_URL");
        }
        PostgresLockClusterService service = new PostgresLockClusterService();
        service.setId(member());
        service.setJdbcUrl(jdbc.getUrl());
        service.setUser(jdbc.getUser());
        service.setPassword(jdbc.getPassword());
        service.setClusterName(clusterName);
        service.setPollIntervalMs(postgresPollMs);
        service.setSessionTimeoutMs(postgresSessionTimeoutMs);
        return service;
    }

    private KubernetesClusterService kubernetes() {
        if (kubernetesPodName == null || kubernetesPodName.isBlank()) {
            throw new IllegalStateException("CXONE_HANDOFF_CLUSTER=kubernetes needs the pod name (POD_NAME from the downward API)");
        }
        if (kubernetesNamespace == null || kubernetesNamespace.isBlank()) {
            throw new IllegalStateException("CXONE_HANDOFF_CLUSTER=kubernetes needs the namespace (POD_NAMESPACE from the downward API)");
        }
        // the no-argument constructor ignores masterUrl and namespace: pass a configuration (camel-notes)
        KubernetesConfiguration configuration = new KubernetesConfiguration();
        if (kubernetesMasterUrl != null && !kubernetesMasterUrl.isBlank()) {
            configuration.setMasterUrl(kubernetesMasterUrl);
        }
        configuration.setNamespace(kubernetesNamespace);
        KubernetesClusterService service = new KubernetesClusterService(configuration);
        service.setId(kubernetesPodName);
        service.setPodName(kubernetesPodName);
        // in-cluster the client ignores the configuration's namespace: name it where the Lease and pods are
        service.setKubernetesResourcesNamespace(kubernetesNamespace);
        // Lease "<clusterName>-<namespace>": one per tenant
        service.setKubernetesResourceName(clusterName);
        service.setClusterLabels(labels(kubernetesLabels));
        service.setLeaseDurationMillis(kubernetesLeaseMs);
        service.setRenewDeadlineMillis(kubernetesRenewMs);
        service.setRetryPeriodMillis(kubernetesRetryMs);
        return service;
    }

    /** "k=v,k2=v2" as a map (the pods' labels that make a cluster member). */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split(",")) {
                String p = pair.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("cluster.kubernetes.labels: expected key=value, got '" + p + "'");
                }
                labels.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("cluster.kubernetes.labels must name the labels of the member pods");
        }
        return labels;
    }

    private String member() {
        return MemberId.resolve(memberId);
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public void setFileHeartbeatMs(long fileHeartbeatMs) {
        this.fileHeartbeatMs = fileHeartbeatMs;
    }

    public void setFileHeartbeatMultiplier(int fileHeartbeatMultiplier) {
        this.fileHeartbeatMultiplier = fileHeartbeatMultiplier;
    }

    /** The shared database of the postgresql mode (the {@code jdbc} bean). */
    public JdbcSettings getJdbc() {
        return jdbc;
    }

    public void setJdbc(JdbcSettings jdbc) {
        this.jdbc = jdbc;
    }

    public void setPostgresPollMs(long postgresPollMs) {
        this.postgresPollMs = postgresPollMs;
    }

    public void setPostgresSessionTimeoutMs(long postgresSessionTimeoutMs) {
        this.postgresSessionTimeoutMs = postgresSessionTimeoutMs;
    }

    public void setKubernetesMasterUrl(String kubernetesMasterUrl) {
        this.kubernetesMasterUrl = kubernetesMasterUrl;
    }

    public void setKubernetesNamespace(String kubernetesNamespace) {
        this.kubernetesNamespace = kubernetesNamespace;
    }

    public void setKubernetesPodName(String kubernetesPodName) {
        this.kubernetesPodName = kubernetesPodName;
    }

    public void setKubernetesLabels(String kubernetesLabels) {
        this.kubernetesLabels = kubernetesLabels;
    }

    public void setKubernetesLeaseMs(long kubernetesLeaseMs) {
        this.kubernetesLeaseMs = kubernetesLeaseMs;
    }

    public void setKubernetesRenewMs(long kubernetesRenewMs) {
        this.kubernetesRenewMs = kubernetesRenewMs;
    }

    public void setKubernetesRetryMs(long kubernetesRetryMs) {
        this.kubernetesRetryMs = kubernetesRetryMs;
    }
}
