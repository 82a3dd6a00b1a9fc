package io.cxonehandoff.handoff;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * A catch-up that cannot miss: the listing is read again, pass after pass, until a pass finds nothing this
 * catch-up has not queued already (or {@code maxPasses} were made). A listing is paged by a cursor; chats
 * that leave it while it is read (handed off by us or by another replica) shift the pages under the cursor,
 * so one pass can skip a whole block that never left. The next pass starts from the first page again and
 * finds it. Only interactions first seen in this catch-up are queued, so a pass costs listing calls only.
 * Profile-independent: it sees the events the profile's pages bean makes, by their {@code id}.
 */
public class CatchUpPasses {

    /** Exchange property holding the catch-up's {@link Run}. */
    public static final String RUN = "catchUpRun";
    /** Set by {@link #end}: passes made. */
    public static final String PASSES = "catchUpPasses";
    /** Set by {@link #end}: interactions queued, all passes together. */
    public static final String QUEUED = "catchUpQueued";
    /** Set by {@link #end}: true when the last pass still found new interactions or failed. */
    public static final String UNSETTLED = "catchUpUnsettled";

    private int maxPasses = 5;

    /** Starts a catch-up. */
    public void begin(Exchange exchange) {
        exchange.setProperty(RUN, new Run());
    }

    /** Whether another pass is due: the first always; then while the last one found something new or failed. */
    public boolean anotherPass(@ExchangeProperty(RUN) Run run) {
        if (run.passes > 0 && !run.unsettled()) {
            return false;
        }
        if (run.passes >= maxPasses) {
            return false;
        }
        run.passes++;
        run.newInPass = 0;
        run.failedInPass = false;
        return true;
    }

    /** True if this catch-up has not queued the event's interaction yet (and counts it as queued now). */
    public boolean firstFound(@ExchangeProperty(RUN) Run run, @Body Map<?, ?> event) {
        Object id = event == null ? null : event.get("id");
        if (run == null || id == null) {
            return true;
        }
        boolean first = run.queued.add(String.valueOf(id));
        if (first) {
            run.newInPass++;
        }
        return first;
    }

    /** A listing of this pass failed: another pass is due (within the bound). */
    public void passFailed(@ExchangeProperty(RUN) Run run) {
        run.failedInPass = true;
    }

    /** Ends the catch-up: sets {@link #PASSES}, {@link #QUEUED} and {@link #UNSETTLED}. */
    public void end(Exchange exchange) {
        Run run = exchange.getProperty(RUN, Run.class);
        exchange.setProperty(PASSES, run.passes);
        exchange.setProperty(QUEUED, run.queued.size());
        exchange.setProperty(UNSETTLED, run.unsettled());
    }

    /** At most this many passes in one catch-up (handoff.catch-up.max-passes). */
    public void setMaxPasses(int maxPasses) {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("handoff.catch-up.max-passes must be at least 1");
        }
        this.maxPasses = maxPasses;
    }

    /** One catch-up: shared by the split exchanges of its listings (they copy the property, not the object). */
    public static final class Run {
        private final Set<String> queued = ConcurrentHashMap.newKeySet();
        private volatile int passes;
        private volatile int newInPass;
        private volatile boolean failedInPass;

        boolean unsettled() {
            return newInPass > 0 || failedInPass;
        }

        public int passes() {
            return passes;
        }
    }
}
