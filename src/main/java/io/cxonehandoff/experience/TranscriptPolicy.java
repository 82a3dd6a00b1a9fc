package io.cxonehandoff.experience;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of the transcript the agent receives: personal data redacted first ({@link Redaction}: card numbers checked
 * with Luhn, e-mail addresses, phone numbers; each switchable, on by default), then capped by messages and by bytes
 * ({@code handoff.transcript.max-messages}, {@code max-bytes}; 0 = no cap, the default), keeping the newest with a
 * first message saying how many earlier ones were left out. The transcript read for the decision stays as read.
 */
public class TranscriptPolicy {

    private static final String CUT = " [...]";

    private int maxMessages;
    private long maxBytes;
    private boolean redactCards = true;
    private boolean redactEmails = true;
    private boolean redactPhones = true;
    private String cardMarker = "[card number removed]";
    private String emailMarker = "[e-mail removed]";
    private String phoneMarker = "[phone number removed]";
    private String omittedMarker = "[{count} earlier messages left out]";
    private Redaction redaction;

    /** A transcript as sent: its messages (the marker first when capped), how many of the history's, how many left out. */
    public record Transcript(List<Map<String, Object>> messages, int kept, int omitted) {
    }

    /** The transcript as the agent receives it: redacted, then the newest within the caps. */
    public List<Map<String, Object>> apply(List<Map<String, Object>> history) {
        return transcript(history).messages();
    }

    /** The same, with its counts. */
    public Transcript transcript(List<Map<String, Object>> history) {
        if (history == null) {
            return new Transcript(List.of(), 0, 0);
        }
        Redaction redact = redaction();
        List<Map<String, Object>> kept = new ArrayList<>(history.size());
        for (Map<String, Object> message : history) {
            Map<String, Object> copy = new LinkedHashMap<>(message);
            Object content = copy.get("content");
            if (content instanceof String text) {
                copy.put("content", redact.apply(text));
            }
            kept.add(copy);
        }
        int from = 0;
        if (maxMessages > 0 && kept.size() > maxMessages) {
            from = kept.size() - maxMessages;
        }
        if (maxBytes > 0) {
            long bytes = 0;
            int start = kept.size();
            while (start > from && bytes + size(kept.get(start - 1)) <= maxBytes) {
                bytes += size(kept.get(start - 1));
                start--;
            }
            from = Math.max(from, start);
            if (from == kept.size() && from > 0) {
                // not even the newest message fits: it goes alone, its text cut to the cap
                from = kept.size() - 1;
                kept.set(from, cut(kept.get(from), maxBytes));
            }
        }
        if (from == 0) {
            return new Transcript(kept, kept.size(), 0);
        }
        List<Map<String, Object>> capped = new ArrayList<>(kept.size() - from + 1);
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("type", "text");
        marker.put("author", "system");
        marker.put("content", omittedMarker.replace("{count}", String.valueOf(from)));
        marker.put("timestamp", kept.get(from).getOrDefault("timestamp", ""));
        capped.add(marker);
        capped.addAll(kept.subList(from, kept.size()));
        return new Transcript(capped, kept.size() - from, from);
    }

    /** A text as it may leave us (the dfo summary's customer message). */
    public String redact(String text) {
        return redaction().apply(text);
    }

    private static Map<String, Object> cut(Map<String, Object> message, long maxBytes) {
        if (!(message.get("content") instanceof String text)) {
            return message;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int end = (int) Math.min(bytes.length, Math.max(0, maxBytes - CUT.length()));
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--; // never half a character
        }
        Map<String, Object> cut = new LinkedHashMap<>(message);
        cut.put("content", new String(bytes, 0, end, StandardCharsets.UTF_8) + CUT);
        return cut;
    }

    private static long size(Map<String, Object> message) {
        Object content = message.get("content");
        return content == null ? 0 : content.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private synchronized Redaction redaction() {
        if (redaction == null) {
            redaction = new Redaction(redactCards, redactEmails, redactPhones, cardMarker, emailMarker, phoneMarker);
        }
        return redaction;
    }

    /** At most this many messages reach the agent, the newest (handoff.transcript.max-messages; 0 = all). */
    public void setMaxMessages(int maxMessages) {
        this.maxMessages = Math.max(0, maxMessages);
    }

    /** At most this many bytes of message text (handoff.transcript.max-bytes; 0 = all). */
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
    }

    public synchronized void setRedactCards(boolean redactCards) {
        this.redactCards = redactCards;
        redaction = null;
    }

    public synchronized void setRedactEmails(boolean redactEmails) {
        this.redactEmails = redactEmails;
        redaction = null;
    }

    public synchronized void setRedactPhones(boolean redactPhones) {
        this.redactPhones = redactPhones;
        redaction = null;
    }

    public synchronized void setCardMarker(String cardMarker) {
        this.cardMarker = cardMarker;
        redaction = null;
    }

    public synchronized void setEmailMarker(String emailMarker) {
        this.emailMarker = emailMarker;
        redaction = null;
    }

    public synchronized void setPhoneMarker(String phoneMarker) {
        this.phoneMarker = phoneMarker;
        redaction = null;
    }

    /** The first message when earlier ones were left out; {count} is how many. */
    public void setOmittedMarker(String omittedMarker) {
        this.omittedMarker = omittedMarker;
    }
}
