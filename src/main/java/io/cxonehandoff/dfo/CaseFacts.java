package io.cxonehandoff.dfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cxonehandoff.handoff.FactNames;
import io.cxonehandoff.handoff.InteractionFacts;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The decision's facts from a DFO case (the dfo profile's {@code interactionFacts}): with the bot = status new,
 * open or pending in one of the bot's skills; the bot's confidence and the customer's request from the custom
 * fields the bot or its Studio script writes. A missing confidence, or one that is no decimal string, is no score.
 * A case in the agents' skill is no longer the bot's: nothing is written to it.
 */
public class CaseFacts {

    /** True when the case is in the agents' skill (the transfer has happened, whoever made it). */
    public static final String WITH_AGENTS = "withAgents";

    private List<String> statuses = List.of("new", "open", "pending");
    private List<Integer> botSkills = List.of();
    private Integer agentSkill;
    private FactNames names = new FactNames("bot_confidence", "handoff_requested");

    private static final Set<String> OPEN = Set.of("new", "open", "pending", "escalated");

    public void read(@Body Object body, Exchange exchange) {
        Map<?, ?> fields = DfoCase.of(body);
        String status = DfoCase.status(fields);
        Integer skill = DfoCase.skillId(fields);
        Map<String, String> custom = DfoCase.customFields(fields);
        exchange.setProperty(InteractionFacts.TYPE, "case");
        exchange.setProperty(InteractionFacts.STATE, status);
        exchange.setProperty(InteractionFacts.WITH_BOT, status != null && statuses.contains(status) && skill != null
                                                        && botSkills.contains(skill));
        exchange.setProperty(WITH_AGENTS, skill != null && skill.equals(agentSkill));
        // out of the bot's skills, still open, and no agent (a user not marked as a bot) assigned yet
        exchange.setProperty(InteractionFacts.WAITING_FOR_AGENT, status != null && OPEN.contains(status) && skill != null
                                                                 && !botSkills.contains(skill) && !withAnAgent(fields));
        exchange.setProperty(InteractionFacts.BOT_CONFIDENCE, score(custom.get(names.getConfidence())));
        exchange.setProperty(InteractionFacts.SENTIMENT, score(custom.get(names.getSentiment())));
        exchange.setProperty(InteractionFacts.LANGUAGE, custom.get(names.getLanguage()));
        exchange.setProperty(InteractionFacts.INTENT, custom.get(names.getIntent()));
        exchange.setProperty(InteractionFacts.TIER, custom.get(names.getTier()));
        // assumed: a DFO case names no bot episode; once per case (docs/cxone-dfo.md)
        exchange.removeProperty(InteractionFacts.BOT_SESSION);
        String requested = custom.get(names.getCustomerRequest());
        exchange.setProperty(InteractionFacts.CUSTOMER_REQUESTED, requested != null && requested.trim().equalsIgnoreCase("true"));
    }

    /** A decimal string, as a bot writes it: Java's own number syntax ({@code 0x1p-3}, {@code 0.1f}) is no score. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?");

    private static Double score(String value) {
        if (value == null || value.length() > 32 || !DECIMAL.matcher(value.trim()).matches()) {
            return null;
        }
        double score = Double.parseDouble(value.trim());
        return Double.isFinite(score) ? score : null;
    }

    /** Statuses in which a case may be the bot's (handoff.states). */
    private static boolean withAnAgent(Map<?, ?> theCase) {
        return theCase.get("inboxAssigneeUser") instanceof Map<?, ?> user && user.get("id") != null
               && !Boolean.TRUE.equals(user.get("isBotUser"));
    }

    public void setStatuses(String statuses) {
        this.statuses = InteractionFacts.csv(statuses);
    }

    /** The bot's routing queues' skill ids (CXONE_BOT_SKILL_IDS, comma separated). */
    public void setBotSkillIds(String botSkillIds) {
        this.botSkills = DfoCase.skills(botSkillIds);
    }

    /** The agents' skill, the transfer's target (CXONE_QUEUE_ID). */
    public void setAgentSkillId(String agentSkillId) {
        this.agentSkill = DfoCase.skills(agentSkillId).get(0);
    }

    /** The custom fields with the signals (cxone.dfo.field.*; the {@code factNames} bean). */
    public void setNames(FactNames names) {
        this.names = names;
    }
}
