package io.cxonehandoff.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the integration did to the simulator, for tests and the benchmark to assert on. */
final class SimulatorRecord {

    /** Oldest requests are dropped beyond this, so a long generator run stays bounded. */
    private static final int MAX_REQUESTS = 200_000;

    private final List<Transfer> transfers = new CopyOnWriteArrayList<>();
    private final List<ContextPatch> contextPatches = new CopyOnWriteArrayList<>();
    private final List<String> authenticatedTokens = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private int tokenRequests;

    private volatile java.util.function.Consumer<Transfer> onTransfer = t -> { };

    void transfer(Transfer transfer) {
        transfers.add(transfer);
        onTransfer.accept(transfer);
    }

    /** Called after each recorded transfer (the agent desk takes it from there). */
    void onTransfer(java.util.function.Consumer<Transfer> listener) {
        this.onTransfer = listener;
    }

    void contextPatch(ContextPatch patch) {
        contextPatches.add(patch);
    }

    void authenticated(String token) {
        authenticatedTokens.add(token);
    }

    synchronized void request(RecordedRequest request) {
        if (request.operation() == Operation.TOKEN) {
            tokenRequests++;
        }
        if (requests.size() >= MAX_REQUESTS) {
            requests.subList(0, MAX_REQUESTS / 10).clear();
        }
        requests.add(request);
    }

    List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    List<ContextPatch> contextPatches() {
        return List.copyOf(contextPatches);
    }

    List<String> authenticatedTokens() {
        return List.copyOf(authenticatedTokens);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized int tokenRequests() {
        return tokenRequests;
    }

    synchronized long count(Operation operation, int status) {
        return requests.stream().filter(r -> r.operation() == operation && r.status() == status).count();
    }
}
