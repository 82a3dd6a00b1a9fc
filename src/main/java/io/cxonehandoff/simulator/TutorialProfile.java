package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.ext.web.Router;

/** The tutorial API (docs/cxone-api.md): {@link RestApi} and {@link EventSocketHub}; no faults of its own. */
record TutorialProfile(RestApi api, EventSocketHub hub) implements ApiProfile {

    @Override
    public void mount(Router router) {
        router.get(CxoneSimulator.EVENTS_PATH).handler(ctx -> hub.accept(ctx.request()));
        api.mount(router);
    }

    @Override
    public String socketPath() {
        return CxoneSimulator.EVENTS_PATH;
    }

    @Override
    public void emitEvent(SimulatedChat chat, String stateOverride) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", chat.type());
        event.put("id", chat.id());
        event.put("state", stateOverride != null ? stateOverride : chat.state());
        event.put("timestamp", Instant.now().toString());
        hub.emit(EventSocketHub.eventFrame(event));
    }
}
