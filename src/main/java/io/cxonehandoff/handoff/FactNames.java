package io.cxonehandoff.handoff;

/**
 * Where an interaction holds the signals the handoff policy reads: the names of its attributes (tutorial,
 * handoff.attribute.*) or of a DFO case's custom fields (dfo, cxone.dfo.field.*). The API profile's
 * {@code factNames} bean, read by its {@code interactionFacts}.
 */
public class FactNames {

    private String confidence;
    private String customerRequest;
    private String sentiment = "customer_sentiment";
    private String language = "language";
    private String intent = "intent";
    private String tier = "tier";

    /** The tutorial's attribute names. */
    public FactNames() {
        this("bot_confidence_score", "user_requested_transfer");
    }

    /** These names of the bot's confidence and the customer's request, the usual ones of the others. */
    public FactNames(String confidence, String customerRequest) {
        this.confidence = confidence;
        this.customerRequest = customerRequest;
    }

    public String getConfidence() {
        return confidence;
    }

    /** The bot's confidence score (tutorial: a number 0..1; dfo: a decimal string). */
    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public String getCustomerRequest() {
        return customerRequest;
    }

    /** True when the customer asked for a person. */
    public void setCustomerRequest(String customerRequest) {
        this.customerRequest = customerRequest;
    }

    public String getSentiment() {
        return sentiment;
    }

    /** The customer's sentiment, -1..1 (the sentiment rule). */
    public void setSentiment(String sentiment) {
        this.sentiment = sentiment;
    }

    public String getLanguage() {
        return language;
    }

    /** The chat's language (the keyword rule, queue rules). */
    public void setLanguage(String language) {
        this.language = language;
    }

    public String getIntent() {
        return intent;
    }

    /** The bot's last intent (the intent rule, queue rules). */
    public void setIntent(String intent) {
        this.intent = intent;
    }

    public String getTier() {
        return tier;
    }

    /** The customer's tier (the priority-customer rule, queue rules). */
    public void setTier(String tier) {
        this.tier = tier;
    }
}
