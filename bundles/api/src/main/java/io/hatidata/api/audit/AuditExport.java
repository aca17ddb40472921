package io.hatidata.api.audit;

import java.io.IOException;
import java.io.OutputStream;

/** An export whose access was checked; writes its rows as they are read, never holding them all. */
@FunctionalInterface
public interface AuditExport {

    /** Writes the export to the stream (UTF-8); does not close it. */
    void writeTo(OutputStream out) throws IOException;
}
