package io.hatidata.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The 256-bit key that encrypts webhook secrets at rest: generated on the first start into
 * {@code <data>/webhooks/secret-key} (base64, {@code rw-------} in an {@code rwx------} folder, written to an
 * owner-only temporary file and moved into place, never replacing an existing key), read afterwards.
 * Losing the file makes the stored secrets unreadable (rotate every webhook's secret to recover).
 */
final class SecretKeyFile {
    static final String FOLDER = "webhooks";
    static final String FILE = "secret-key";
    private static final int KEY_BYTES = 32;

    private SecretKeyFile() {}

    static byte[] loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path folder = dataDir.resolve(FOLDER);
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            create(folder, file, random);
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (key.length != KEY_BYTES) {
            throw new IOException(file + " does not hold a " + KEY_BYTES + "-byte key");
        }
        return key;
    }

    private static void create(Path folder, Path file, SecureRandom random) throws IOException {
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temporary;
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            temporary = Files.createTempFile(folder, FILE, ".tmp", ownerOnly);
        } else {
            temporary = Files.createTempFile(folder, FILE, ".tmp");
        }
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException ex) {
            // another start won the race: its key stays
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
