package io.cxonehandoff.handoff;

import java.io.File;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Camel's file idempotent repository, configurable with a path string (YAML beans cannot build the
 * {@link File} it takes). Records the interactions handed off, across restarts.
 */
public class HandoffRecordFile extends FileIdempotentRepository {

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
