package io.cxonehandoff.simulator;

/**
 * One DFO event about a case, for {@link DfoTenant#caseEvent(String)}: {@code MessageAddedIntoCase} unless another
 * type is named (any text: unknown types are how the integration's "ignored" path is tested), the case as it is
 * unless a status is named, sent on the socket or, with {@link #inS3()}, as an EventInS3 whose payload the
 * simulator serves. Like every event, it reaches only sockets whose user subscribed the case.
 */
public final class CaseEvent {

    public static final String MESSAGE_ADDED = "MessageAddedIntoCase";
    public static final String CASE_CREATED = "CaseCreated";
    public static final String STATUS_CHANGED = "CaseStatusChanged";
    public static final String ROUTING_QUEUE_CHANGED = "CaseToRoutingQueueAssignmentChanged";
    public static final String INBOX_ASSIGNEE_CHANGED = "CaseInboxAssigneeChanged";

    /** Sends a described event. */
    interface Sender {
        void send(SimulatedChat chat, String type, String stateOverride, String traceId, boolean inS3);
    }

    private final SimulatedChat chat;
    private final Sender sender;
    private String type = MESSAGE_ADDED;
    private String state;
    private String traceId;
    private boolean inS3;

    CaseEvent(SimulatedChat chat, Sender sender) {
        this.chat = chat;
        this.sender = sender;
    }

    public CaseEvent type(String eventType) {
        this.type = eventType;
        return this;
    }

    /** The case's status in the event: a DFO status or a tutorial state (mapped); the chat itself is unchanged. */
    public CaseEvent status(String statusOrState) {
        this.state = statusOrState;
        return this;
    }

    public CaseEvent traceId(String traceId) {
        this.traceId = traceId;
        return this;
    }

    /** Delivered as EventInS3: the socket carries a URL, the event is fetched from it. */
    public CaseEvent inS3() {
        this.inS3 = true;
        return this;
    }

    public void emit() {
        sender.send(chat, type, state, traceId, inS3);
    }
}
