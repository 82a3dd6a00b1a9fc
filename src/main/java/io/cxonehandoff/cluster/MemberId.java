package io.cxonehandoff.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this replica in the cluster and in the shared tables. */
public final class MemberId {

    private MemberId() {
    }

    /** The configured name, else host name and process id (two processes on one host differ). */
    public static String resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
