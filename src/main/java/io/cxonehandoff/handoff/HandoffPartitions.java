package io.cxonehandoff.handoff;

import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.builder.RouteBuilder;

/**
 * Concurrency with per-interaction order: {@code partitions} copies of the {@code handoff-partition} route
 * template, each one consumer on its own queue, and every event goes to the partition its interaction id
 * hashes to. Events of one interaction are handled one at a time, in arrival order; different interactions
 * run in parallel.
 */
public class HandoffPartitions extends RouteBuilder {

    private int partitions = 64;

    @Override
    public void configure() {
        for (int i = 0; i < partitions; i++) {
            templatedRoute("handoff-partition")
                    .routeId("handoff-partition-" + i)
                    .parameter("index", String.valueOf(i));
        }
    }

    /** The partition of an event: its interaction id's hash, modulo the partition count. */
    public int partitionOf(@Body Map<?, ?> event) {
        Object id = event.get("id");
        return Math.floorMod(String.valueOf(id).hashCode(), partitions);
    }

    public void setPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("handoff.parallelism must be at least 1");
        }
        this.partitions = partitions;
    }
}
