package io.cxonehandoff.dfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cxonehandoff.handoff.UnexpectedCxoneAnswerException;

/** Reading a DFO case (docs/cxone-dfo.md, section 4): its fields as the adapter beans need them. */
final class DfoCase {

    private DfoCase() {
    }

    static Map<?, ?> of(Object body) {
        if (!(body instanceof Map<?, ?> fields)) {
            throw new UnexpectedCxoneAnswerException("case is not a JSON object");
        }
        return fields;
    }

    static String id(Map<?, ?> fields) {
        Object id = fields.get("id");
        return id == null ? null : id.toString();
    }

    static String status(Map<?, ?> fields) {
        Object status = fields.get("status");
        return status == null ? null : status.toString();
    }

    /** The skill of the case's routing queue, or null when there is none (assumed: then it is nobody's bot). */
    static Integer skillId(Map<?, ?> fields) {
        Object skill = fields.get("routingQueue") instanceof Map<?, ?> queue ? queue.get("skillId") : null;
        if (skill instanceof Number number) {
            return number.intValue();
        }
        if (skill instanceof String text && text.matches("[0-9]{1,10}")) {
            return Integer.valueOf(text);
        }
        return null;
    }

    /** The case's custom fields, ident to value. */
    static Map<String, String> customFields(Map<?, ?> fields) {
        Map<String, String> values = new HashMap<>();
        if (fields.get("customFields") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> field && field.get("ident") != null) {
                    Object value = field.get("value");
                    values.put(field.get("ident").toString(), value == null ? null : value.toString());
                }
            }
        }
        return values;
    }

    static List<Integer> skills(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a skill id must be an integer, got '" + s + "' (CXONE_BOT_SKILL_IDS, CXONE_QUEUE_ID)");
            }
        }).toList();
    }
}
