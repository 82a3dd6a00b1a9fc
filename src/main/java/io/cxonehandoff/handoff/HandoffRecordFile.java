package io.cxonehandoff.handoff;

import java.io.File;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Camel's file idempotent repository, configurable with a path string (YAML beans cannot build the
 * {@link File} it takes). Records the interactions handed off, across restarts.
 */
public class HandoffRecordFile extends FileIdempotentRepository {

    public void setPath(String path) {
        File file = new File(path);
        File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
            throw new IllegalStateException("Cannot create the data directory " + parent);
        }
        setFileStore(file);
    }
}
