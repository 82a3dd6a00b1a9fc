package io.cxonehandoff.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * A replica in a process of its own, for kill -9 tests: builds the cluster service from
 * {@code name=value} arguments (properties of {@link ClusterServiceFactory}), prints {@code LEADER} when
 * it gains the leadership and runs until it is killed, or until its parent closes its stdin (so a crashed
 * test leaves no process behind).
 */
public final class ClusterMemberMain {

    private ClusterMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> settings = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ClusterServiceFactory factory = new ClusterServiceFactory();
            PropertyBindingSupport.build().withMandatory(true).withRemoveParameters(false)
                    .bind(context, factory, settings);
            var service = factory.create();
            context.addService(service);
            context.start();
            service.getView(ClusterServiceFactory.DEFAULT_NAMESPACE).addEventListener(
                    (org.apache.camel.cluster.CamelClusterEventListener.Leadership) (view, leader) -> {
                        if (view.getLocalMember().isLeader()) {
                            System.out.println("LEADER");
                            System.out.flush();
                        }
                    });
            InputStream parent = System.in;
            try {
                while (parent.read() >= 0) {
                    // keep running while the parent lives
                }
            } catch (IOException e) {
                // parent gone
            }
        }
    }
}
