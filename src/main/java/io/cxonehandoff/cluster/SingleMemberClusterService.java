package io.cxonehandoff.cluster;

import java.util.List;
import java.util.Optional;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * No clustering (CXONE_HANDOFF_CLUSTER unset): one process that leads every namespace from the moment it
 * starts, with nothing to lose it to. It lets the routes say {@code master:} in every mode, so one set
 * of routes serves a single process and replicas alike.
 */
public class SingleMemberClusterService extends AbstractCamelClusterService<SingleMemberClusterService.View>
        implements LeadershipCheck {

    public SingleMemberClusterService() {
        super("standalone");
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace);
    }

    @Override
    public boolean confirmLeadership(String namespace) {
        return isRunAllowed();
    }

    /** The only member, leader while started. */
    static final class View extends AbstractCamelClusterView {

        private final CamelClusterMember self = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return isRunAllowed();
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return getClusterService().getId();
            }
        };

        View(SingleMemberClusterService service, String namespace) {
            super(service, namespace);
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return isRunAllowed() ? Optional.of(self) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        @Override
        protected void doStart() {
            fireLeadershipChangedEvent(self);
        }

        @Override
        protected void doStop() {
            fireLeadershipChangedEvent((CamelClusterMember) null);
        }
    }
}
