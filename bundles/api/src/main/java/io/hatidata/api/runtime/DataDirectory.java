package io.hatidata.api.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the product keeps its own data (the control-plane database, the environments' DuckDB files,
 * generated keys): one folder, so backing up or moving a node is copying one folder.
 *
 * <p>Resolution, first match wins:
 *
 * <ol>
 *   <li>the component's configured {@code dataDir}, when not blank;
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE}, when not blank;
 *   <li>{@code hatidata} under Karaf's data folder (system property {@code karaf.data});
 *   <li>{@code data/hatidata} under the working directory.
 * </ol>
 */
public final class DataDirectory {
    /** The environment variable that points the product at its data folder. */
    public static final String ENVIRONMENT_VARIABLE = "HATIDATA_DATA_DIR";

    private DataDirectory() {}

    /** Resolves the data folder for this process's environment and system properties. */
    public static Path resolve(String configured) {
        return resolve(configured, System.getenv(), System.getProperty("karaf.data"));
    }

    /** Resolves the data folder from explicit inputs (for tests). */
    public static Path resolve(String configured, Map<String, String> environment, String karafData) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath().normalize();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.trim()).toAbsolutePath().normalize();
        }
        Path base = karafData == null || karafData.isBlank() ? Path.of("data") : Path.of(karafData);
        return base.resolve("hatidata").toAbsolutePath().normalize();
    }
}
