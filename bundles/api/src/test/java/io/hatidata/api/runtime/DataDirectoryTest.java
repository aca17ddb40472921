package io.hatidata.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void configuredValueWins() {
        assertEquals(Path.of("/srv/hd"), DataDirectory.resolve(" /srv/hd ", Map.of("HATIDATA_DATA_DIR", "/env"), "/k"));
    }

    @Test
    void environmentVariableBeatsKarafData() {
        assertEquals(Path.of("/env/dir"), DataDirectory.resolve("", Map.of("HATIDATA_DATA_DIR", "/env/dir"), "/k"));
    }

    @Test
    void defaultsToAFolderUnderKarafData() {
        assertEquals(Path.of("/opt/karaf/data/hatidata"), DataDirectory.resolve(null, Map.of(), "/opt/karaf/data"));
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        assertEquals(Path.of("/k/hatidata"), DataDirectory.resolve("", Map.of("HATIDATA_DATA_DIR", "  "), "/k"));
    }
}
