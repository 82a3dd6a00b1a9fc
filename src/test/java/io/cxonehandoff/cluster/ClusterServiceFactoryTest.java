package io.cxonehandoff.cluster;

import java.util.Map;

import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The choice of cluster service by CXONE_HANDOFF_CLUSTER, and the settings each mode refuses to start without. */
class ClusterServiceFactoryTest {

    @Test
    void unsetOrNoneIsOneProcessThatAlwaysLeads() throws Exception {
        for (String mode : new String[] {"", " ", "none", "NONE"}) {
            ClusterServiceFactory factory = new ClusterServiceFactory();
            factory.setMode(mode);
            assertThat(factory.create()).as("mode '%s'", mode).isInstanceOf(SingleMemberClusterService.class);
        }
        SingleMemberClusterService single = new SingleMemberClusterService();
        try (ClusterMember member = ClusterMember.start("single", single)) {
            assertThat(member.isLeader()).isTrue();
            assertThat(member.guard().isLeader()).isTrue();
        }
    }

    @Test
    void anUnknownModeOrAMissingSettingStopsTheStart() {
        ClusterServiceFactory typo = new ClusterServiceFactory();
        typo.setMode("postgres");
        assertThatThrownBy(typo::create).hasMessageContaining("file, postgresql, kubernetes or unset");

        ClusterServiceFactory noUrl = new ClusterServiceFactory();
        noUrl.setMode("postgresql");
        assertThatThrownBy(noUrl::create).hasMessageContaining("CXONE_HANDOFF_JDBC_URL");

        ClusterServiceFactory noPod = new ClusterServiceFactory();
        noPod.setMode("kubernetes");
        noPod.setKubernetesNamespace("cxone");
        assertThatThrownBy(noPod::create).hasMessageContaining("POD_NAME");
    }

    @Test
    void kubernetesGetsTheDownwardApiNamesAndTheShortTimings() {
        ClusterServiceFactory factory = new ClusterServiceFactory();
        factory.setMode("kubernetes");
        factory.setKubernetesNamespace("cxone");
        factory.setKubernetesPodName("cxone-handoff-7d9f-abcde");
        factory.setClusterName("tenant-a");
        KubernetesClusterService service = (KubernetesClusterService) factory.create();
        assertThat(service.getId()).isEqualTo("cxone-handoff-7d9f-abcde");
        assertThat(service.getPodName()).isEqualTo("cxone-handoff-7d9f-abcde");
        assertThat(service.getKubernetesResourcesNamespace()).isEqualTo("cxone");
        assertThat(service.getKubernetesResourceName()).isEqualTo("tenant-a");
        assertThat(service.getClusterLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "cxone-handoff"));
        assertThat(service.getLeaseDurationMillis()).isEqualTo(6000);
        assertThat(service.getRenewDeadlineMillis()).isEqualTo(4000);
        assertThat(service.getRetryPeriodMillis()).isEqualTo(1000);
    }

    @Test
    void clusterLabelsAreKeyValuePairs() {
        assertThat(ClusterServiceFactory.labels(" a=1 , b.c/d=x ")).containsExactly(Map.entry("a", "1"), Map.entry("b.c/d", "x"));
        assertThatThrownBy(() -> ClusterServiceFactory.labels("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterServiceFactory.labels("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachTenantAndNamespaceHasItsOwnAdvisoryLock() {
        long a = PostgresLockClusterService.lockKey("tenant-a", "cxone-handoff");
        assertThat(PostgresLockClusterService.lockKey("tenant-a", "cxone-handoff")).isEqualTo(a);
        assertThat(PostgresLockClusterService.lockKey("tenant-b", "cxone-handoff")).isNotEqualTo(a);
        assertThat(PostgresLockClusterService.lockKey("tenant-a", "other")).isNotEqualTo(a);
    }
}
