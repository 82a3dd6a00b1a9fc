package io.cxonehandoff.policy;

import org.apache.camel.ExchangeProperty;

/**
 * The key of the exactly-once record: the chat's bot episode. A chat is handed off once per time the bot has it;
 * after an agent hands it back ({@code bot_session} changes) it may be handed off again. Without a
 * {@code bot_session} (a tenant that does not send one; the dfo profile) the key is the chat's id: once per chat.
 */
public class HandoffEpisodes {

    /** Exchange property: the interaction's bot session, when the API names one. */
    public static final String BOT_SESSION = "botSession";

    public String key(@ExchangeProperty("interactionId") String id, @ExchangeProperty(BOT_SESSION) String botSession) {
        return botSession == null || botSession.isBlank() ? id : id + "#" + botSession;
    }
}
