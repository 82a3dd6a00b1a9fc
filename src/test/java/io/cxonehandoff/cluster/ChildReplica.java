package io.cxonehandoff.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link ClusterMemberMain} in a child JVM (same classpath as the tests), killed with SIGKILL. */
final class ChildReplica implements AutoCloseable {

    private final Process process;
    private final CountDownLatch leader = new CountDownLatch(1);

    private ChildReplica(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("LEADER")) {
                        leader.countDown();
                    }
                    System.out.println("[child] " + line);
                }
            } catch (Exception e) {
                // the child is gone
            }
        }, "child-replica-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildReplica start(String... settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ClusterMemberMain.class.getName()));
        command.addAll(List.of(settings));
        // its log lines are copied to the test's output; stdout also carries LEADER
        return new ChildReplica(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    boolean awaitLeader(Duration timeout) throws InterruptedException {
        return leader.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL, as kill -9: no shutdown hook, the OS closes its files and sockets. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
