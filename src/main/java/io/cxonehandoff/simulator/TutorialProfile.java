package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.ext.web.Router;

/** The tutorial API (docs/cxone-api.md): {@link RestApi} and {@link EventSocketHub}. */
final class TutorialProfile implements ApiProfile {

    private final RestApi api;
    private final EventSocketHub hub;

    TutorialProfile(RestApi api, EventSocketHub hub) {
        this.api = api;
        this.hub = hub;
    }

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

    @Override
    public void emitRaw(String text) {
        hub.emit(text);
    }

    @Override
    public void dropConnections(boolean abrupt) {
        hub.drop(abrupt);
    }

    @Override
    public int subscribedSockets() {
        return hub.subscribedSockets();
    }

    @Override
    public void setAcceptAuthentication(boolean accept) {
        hub.setAcceptAuthentication(accept);
    }

    @Override
    public void setRejectCredentials(boolean reject) {
        api.setRejectCredentials(reject);
    }

    @Override
    public void resetFaults() {
        api.setRejectCredentials(false);
        hub.setAcceptAuthentication(true);
    }
}
