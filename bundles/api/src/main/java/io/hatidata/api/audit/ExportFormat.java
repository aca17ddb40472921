package io.hatidata.api.audit;

import java.util.Locale;
import java.util.Optional;

/** The formats of an audit export. */
public enum ExportFormat {
    /** One JSON object a line ({@code application/x-ndjson}). */
    JSONL("application/x-ndjson", "jsonl"),
    /** RFC 4180 CSV with a header line ({@code text/csv}). */
    CSV("text/csv", "csv");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format of a name ({@code jsonl}, {@code ndjson}, {@code csv}, any case), or empty. */
    public static Optional<ExportFormat> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json" -> Optional.of(JSONL);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
