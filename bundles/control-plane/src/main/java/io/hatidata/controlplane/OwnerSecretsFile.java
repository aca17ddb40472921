package io.hatidata.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a generated secret to a file in the data folder that only the product's OS user can read
 * ({@code rw-------}, created with those permissions, never widened afterwards), so the operator can
 * fetch it after the console output is gone.
 */
final class OwnerSecretsFile {
    /** The file with the bootstrap owner API key. */
    static final String API_KEY_FILE = "bootstrap-api-key";
    /** The file with the bootstrap owner password, when it was generated. */
    static final String PASSWORD_FILE = "bootstrap-password";

    private OwnerSecretsFile() {}

    /**
     * Writes the secret with a trailing newline: into a new owner-only temporary file first, then moved over
     * the target atomically, so the file is never half-written and a stale secret from an earlier store is
     * replaced.
     */
    static Path write(Path dataDir, String fileName, String secret) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(fileName);
        Path temporary;
        if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            temporary = Files.createTempFile(dataDir, fileName, ".tmp", ownerOnly);
        } else {
            temporary = Files.createTempFile(dataDir, fileName, ".tmp");
        }
        try {
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }
}
