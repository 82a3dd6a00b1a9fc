package io.cxonehandoff.simulator;

/**
 * The REST operations of the CXone contract, as the simulator records them. The dfo profile maps its operations
 * onto the same names where they do the same job, so tests read the same in both profiles.
 */
public enum Operation {
    /** Tutorial: client credentials; dfo: the password grant. */
    TOKEN,
    /** Tutorial: GET an interaction; dfo: GET a case ({@code /dfo/3.0/contacts/{id}}). */
    GET_INTERACTION,
    /** Tutorial: the catch-up listing; dfo: the contact search ({@code GET /dfo/3.0/contacts?...}). */
    LIST_INTERACTIONS,
    /** Tutorial and dfo: a page of a chat's (case's) messages. */
    GET_MESSAGES,
    /** Tutorial: the context PATCH; dfo: the custom-fields PUT. */
    PATCH_CONTEXT,
    /** Tutorial: the transfer POST; dfo: the routing-queue PUT. */
    TRANSFER,
    /** Dfo: one message's full text ({@code GET /dfo/3.0/messages/{id}}). */
    GET_MESSAGE,
    /** Dfo: a case with its messages ({@code GET /dfo/3.0/contacts/{id}/detail}). */
    GET_DETAIL,
    /** Dfo: a case's event subscription ({@code POST /dfo/3.0/event-hub-subscriptions}). */
    SUBSCRIBE,
    /** Dfo: where the event hub is ({@code GET /dfo/3.0/event-hub-url}). */
    EVENT_HUB_URL,
    /** Dfo: the two {@code .well-known} discovery documents. */
    DISCOVERY,
    /** Dfo: fetching an EventInS3 payload from its pre-signed URL. */
    S3,
    /** Tutorial: a message to the customer ({@code POST /api/v2/interactions/{id}/messages}). */
    POST_MESSAGE,
    /** Tutorial: a queue's availability ({@code GET /api/v2/queues/{queueId}/availability}). */
    GET_AVAILABILITY
}
