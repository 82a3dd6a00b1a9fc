package io.cxonehandoff.handoff;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's file idempotent repository, configurable with a path string (YAML beans cannot build the
 * {@link File} it takes). Records the interactions handed off, across restarts.
 * <p>
 * Replicas on one host (file cluster mode) share the file: only the leader adds to it, but a follower that
 * becomes the leader must know what the old one recorded. So before each lookup the file's length is
 * compared with what this process last read or wrote, and the record is reloaded when another process
 * wrote to it (one {@code stat} per lookup; one reload after a takeover). CXone's 409 on a second transfer
 * stays the last guard for a record written in the instant of a takeover.
 */
public class HandoffRecordFile extends FileIdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(HandoffRecordFile.class);

    /** The file's length after this process last loaded or wrote it. Guarded by {@code this}. */
    private long seenLength = -1;

    @Override
    protected synchronized void doStart() throws Exception {
        super.doStart();
        seenLength = getFileStore().length();
    }

    @Override
    public synchronized boolean add(String key) {
        reloadIfWrittenElsewhere();
        boolean added = super.add(key);
        seenLength = getFileStore().length();
        return added;
    }

    @Override
    public synchronized boolean contains(String key) {
        reloadIfWrittenElsewhere();
        return super.contains(key);
    }

    /**
     * Removes only an id this process knows it recorded (in its cache). The handoff's idempotent consumer
     * records on success only, and removes on failure: an id it did not add may be another process's record.
     */
    @Override
    public synchronized boolean remove(String key) {
        if (!getCache().containsKey(key)) {
            return false;
        }
        boolean removed = super.remove(key);
        seenLength = getFileStore().length();
        return removed;
    }

    private void reloadIfWrittenElsewhere() {
        long length = getFileStore().length();
        if (seenLength >= 0 && length != seenLength) {
            try {
                reset();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot reload the handoff record " + getFileStore(), e);
            }
            LOG.info("Handoff record {} was written by another process: reloaded ({} ids)", getFileStore(), getCache().size());
            seenLength = getFileStore().length();
        }
    }

    /**
     * Camel's repository reads the whole file for every id its cache lacks, twice per new interaction and
     * under its lock, so with many handoffs recorded every handoff waited on that scan (found by profiling
     * the benchmark). The cache is filled from the file at start and keeps the most recent
     * {@code cacheSize} ids, so it answers alone. A chat handed off longer ago than that which comes back to
     * the bot gets a 409 from CXone's transfer, counted as {@code already_transferred}: harmless.
     */
    @Override
    protected boolean containsStore(String key) {
        return false;
    }

    public void setPath(String path) {
        File file = new File(path);
        File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
            throw new IllegalStateException("Cannot create the data directory " + parent);
        }
        setFileStore(file);
    }
}
