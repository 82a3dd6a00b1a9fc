package io.cxonehandoff.support;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mapper of every JSON text from CXone (answers, frames) and of our requests, with read limits for
 * untrusted input: nesting depth, document, string and number sizes. Routes name it ({@code objectMapper:
 * cxoneJson}); the byte limit of answers is enforced before Jackson sees them ({@code CallLimits}), this one
 * bounds what a parser may be made to build.
 */
public class CxoneJson extends ObjectMapper {

    private int maxNestingDepth = 64;
    private long maxDocumentBytes = 4L * 1024 * 1024;

    public CxoneJson() {
        constrain();
    }

    private void constrain() {
        int maxText = (int) Math.min(Integer.MAX_VALUE, maxDocumentBytes);
        getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxDocumentBytes)
                .maxStringLength(maxText)
                .maxNumberLength(100)
                .build());
    }

    /** Deepest nesting of arrays and objects accepted (cxone.json.max-nesting-depth). */
    public void setMaxNestingDepth(int maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
        constrain();
    }

    /** Largest JSON document accepted, in bytes (the answer limit, cxone.http.max-answer-bytes). */
    public void setMaxDocumentBytes(long maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
        constrain();
    }

    @Override
    public ObjectMapper copy() {
        // a copy keeps the limits (Jackson requires subclasses to say how they copy)
        CxoneJson copy = new CxoneJson();
        copy.setMaxNestingDepth(maxNestingDepth);
        copy.setMaxDocumentBytes(maxDocumentBytes);
        return copy;
    }
}
