package io.cxonehandoff.support;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the shipped log4j2 configuration ({@code src/main/resources/log4j2.properties}) writes to the
 * console while it is open: every event that reaches the root logger, rendered by the console appender's
 * own layout, so a test sees the exact text an operator's terminal or log collector gets.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> rendered = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Appender appender;

    public CapturedLog() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        Appender console = configuration.getAppender("console");
        if (console == null) {
            throw new IllegalStateException("no 'console' appender: the shipped log4j2.properties was not loaded");
        }
        Layout<? extends Serializable> layout = console.getLayout();
        appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                rendered.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
            }
        };
        appender.start();
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** The console output so far, one entry per event, exactly as rendered (line separators included). */
    public List<String> rendered() {
        return List.copyOf(rendered);
    }

    /** The rendered events that contain {@code text}. */
    public List<String> containing(String text) {
        return rendered.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
