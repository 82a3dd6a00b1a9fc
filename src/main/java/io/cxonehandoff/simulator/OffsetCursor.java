package io.cxonehandoff.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque page cursors the simulator issues: an offset into a list, base64url-encoded. */
final class OffsetCursor {

    private OffsetCursor() {
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor stands for; 0 without a cursor; null for a cursor we never issued. */
    static Integer decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith("offset:") ? Integer.parseInt(decoded.substring(7)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
