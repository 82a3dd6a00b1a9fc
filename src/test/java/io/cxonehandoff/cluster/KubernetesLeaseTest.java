package io.cxonehandoff.cluster;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * camel-kubernetes' KubernetesClusterService, as the factory builds it (lease 6 s, renew 4 s, retry 1 s),
 * against fabric8's mock API server in CRUD mode on 127.0.0.1 (a stale resourceVersion gets a 409, as on a
 * real server). The test plays the kubelet: it creates the two pods Running and Ready, then takes the
 * leader's pod away (deleted, or no longer Ready); the follower takes the Lease. What a real cluster adds
 * and this cannot show: RBAC enforcement and how long a node loss takes to mark a pod not Ready.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KubernetesLeaseTest {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesLeaseTest.class);
    private static final String NAMESPACE = "cxone";
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", "cxone-handoff");

    private KubernetesMockServer server;
    private NamespacedKubernetesClient kubelet;

    @BeforeEach
    void apiServer() throws Exception {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        kubelet = server.createClient();
        readyPod("pod-a");
        readyPod("pod-b");
    }

    @AfterEach
    void stop() {
        kubelet.close();
        server.destroy();
    }

    private KubernetesClusterService service(String pod) {
        ClusterServiceFactory factory = new ClusterServiceFactory();
        factory.setMode("kubernetes");
        factory.setKubernetesMasterUrl("http://127.0.0.1:" + server.getPort());
        factory.setKubernetesNamespace(NAMESPACE);
        factory.setKubernetesPodName(pod);
        return (KubernetesClusterService) factory.create();
    }

    @Test
    void whenTheLeadersPodIsDeletedTheFollowerTakesTheLease() throws Exception {
        long takeoverMs = takeover(leader -> kubelet.pods().inNamespace(NAMESPACE).withName(leader).delete());
        LOG.info("Kubernetes Lease takeover after the leader's pod was deleted (lease 6 s, retry 1 s): {} ms", takeoverMs);
    }

    @Test
    void whenTheLeadersPodIsNoLongerReadyTheFollowerTakesTheLease() throws Exception {
        long takeoverMs = takeover(leader -> kubelet.pods().inNamespace(NAMESPACE).withName(leader)
                .edit(p -> new PodBuilder(p).editStatus().editFirstCondition().withStatus("False").endCondition().endStatus().build()));
        LOG.info("Kubernetes Lease takeover after the leader's pod became not Ready (lease 6 s, retry 1 s): {} ms", takeoverMs);
    }

    private long takeover(java.util.function.Consumer<String> takeAway) throws Exception {
        try (ClusterMember a = ClusterMember.start("pod-a", service("pod-a"));
             ClusterMember b = ClusterMember.start("pod-b", service("pod-b"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.isLeader() || b.isLeader());
            ClusterMember leader = a.isLeader() ? a : b;
            ClusterMember follower = leader == a ? b : a;
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !follower.isLeader());
            Lease lease = kubelet.leases().inNamespace(NAMESPACE).withName("cxone-handoff-" + ClusterServiceFactory.DEFAULT_NAMESPACE).get();
            assertThat(lease).as("the Lease named after the cluster and the namespace").isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.name);

            long takenAt = System.nanoTime();
            takeAway.accept(leader.name);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(follower::isLeader);
            long takeoverMs = TimeUnit.NANOSECONDS.toMillis(follower.gainedAt.get() - takenAt);

            // the old leader stepped down before the new one started (the new one waits a lease duration)
            assertThat(leader.isLeader()).isFalse();
            assertThat(leader.lostAt.get()).isPositive().isLessThan(follower.gainedAt.get());
            assertThat(kubelet.leases().inNamespace(NAMESPACE).withName(lease.getMetadata().getName()).get()
                    .getSpec().getHolderIdentity()).isEqualTo(follower.name);
            // the follower waits one lease (6 s) before acting; retries every 1-1.2 s
            assertThat(takeoverMs).isBetween(5000L, 10_000L);
            return takeoverMs;
        }
    }

    private void readyPod(String name) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("cxone-handoff").withImage("cxone-handoff").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build();
        kubelet.pods().inNamespace(NAMESPACE).resource(pod).create();
        Pod stored = kubelet.pods().inNamespace(NAMESPACE).withName(name).get();
        if (stored.getStatus() == null || !"Running".equals(stored.getStatus().getPhase())) {
            kubelet.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
        }
    }
}
