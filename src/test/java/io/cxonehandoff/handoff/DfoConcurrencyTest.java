package io.cxonehandoff.handoff;

import java.util.List;
import java.util.Map;

import io.cxonehandoff.DfoProfile;

/**
 * {@link ConcurrencyTest} in the dfo profile. A case's event says nothing of its own order, so the five events of a
 * case are five event types, in this order.
 */
@DfoProfile
class DfoConcurrencyTest extends ConcurrencyTest {

    private static final List<String> TYPES = List.of("CaseCreated", "MessageAddedIntoCase", "CaseInboxAssigneeChanged",
            "CaseStatusChanged", "CaseToRoutingQueueAssignmentChanged");

    @Override
    protected String orderedFrame(String id, int seq) {
        return "{\"eventType\":\"" + TYPES.get(seq) + "\",\"data\":{\"case\":{\"id\":\"" + id + "\",\"status\":\"open\"}}}";
    }

    @Override
    protected Object seqOf(Map<?, ?> event) {
        return TYPES.indexOf(event.get("eventType"));
    }
}
