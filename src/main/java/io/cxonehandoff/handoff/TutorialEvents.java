package io.cxonehandoff.handoff;

import java.util.Map;

import io.cxonehandoff.api.StreamEvents;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/** The tutorial stream's frames are events as they are: {@code {"type", "id", "state", ...}}. */
public class TutorialEvents implements StreamEvents {

    @Override
    public Map<String, Object> toEvent(@Body Map<String, Object> frame, Exchange exchange) {
        return frame;
    }
}
