package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occam fit --driver PATH} (issue 19, point 6): a database whose JDBC driver is not on the class path. H2's
 * jar is copied into {@code target/test-drivers} by the build (maven-dependency-plugin) and is not a test
 * dependency, so only the jar loaded by {@code --driver} can answer {@code jdbc:h2:} URLs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverOptionTest {

    private static final Path SAFETY = Path.of("src", "test", "resources", "safety");
    private static final Path DRIVERS = Path.of("target", "test-drivers");

    @TempDir
    static Path dir;

    /** A use case reading the safety tests' signal.csv from an H2 database made here, through the jar. */
    private static Path useCase() throws Exception {
        Path yaml = dir.resolve("usecase.yaml");
        if (Files.exists(yaml)) {
            return yaml;
        }
        Path jar = h2Jar();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Driver h2 = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
            try (Connection c = h2.connect("jdbc:h2:" + dir.resolve("bank").toAbsolutePath(), new Properties());
                    Statement s = c.createStatement()) {
                // Quoted names keep their case (H2 upper-cases unquoted ones, as the SQL standard says).
                s.execute("CREATE TABLE signal AS SELECT CAST(x1 AS DOUBLE PRECISION) AS \"x1\","
                        + " CAST(x2 AS DOUBLE PRECISION) AS \"x2\", CAST(flag AS INT) AS \"flag\", CAST(y AS INT) AS \"y\""
                        + " FROM CSVREAD('" + SAFETY.resolve("signal.csv").toAbsolutePath() + "')");
            }
        }
        Files.writeString(yaml, Files.readString(SAFETY.resolve("met.yaml")).replace("  path: signal.csv",
                "  jdbc: jdbc:h2:" + dir.resolve("bank").toAbsolutePath() + "\n  sql: 'SELECT \"x1\", \"x2\", \"flag\", \"y\" FROM signal'"));
        return yaml;
    }

    private static Path h2Jar() throws Exception {
        try (var jars = Files.list(DRIVERS)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst().orElseThrow();
        }
    }

    @Test
    @Order(1)
    void h2_notOnTheTestClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.h2.Driver"));
    }

    @Test
    @Order(2)
    void fit_jdbcUrlWithoutItsDriver_saysHowToAddOne() throws Exception {
        CliRun run = CliRun.of("fit", useCase().toString(), "--out", dir.resolve("none").toString());

        assertEquals(OccamCommand.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.isOneLineError(), run.err());
        assertTrue(run.err().contains("no JDBC driver accepts the URL 'jdbc:h2:") && run.err().contains(
                "add h2's JDBC driver jar with 'occam fit --driver PATH'"), run.err());
    }

    @Test
    @Order(3)
    void fit_driverFolderNotAJar_namesThePath() {
        CliRun run = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--driver",
                SAFETY.resolve("signal.csv").toString());

        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains("signal.csv: a JDBC driver is a .jar file (or a folder of them)"), run.err());
    }

    @Test
    @Order(4)
    void fit_databaseUpperCasesUnquotedNames_errorSaysSo() throws Exception {
        // Unquoted aliases: H2 upper-cases them, as the SQL standard says.
        Path yaml = dir.resolve("upper.yaml");
        Files.writeString(yaml, Files.readString(useCase()).replace("SELECT \"x1\", \"x2\", \"flag\", \"y\"",
                "SELECT \"x1\" AS x1, \"x2\" AS x2, \"flag\" AS flag, \"y\" AS y"));
        CliRun run = CliRun.of("fit", yaml.toString(), "--driver", DRIVERS.toString(), "--out", dir.resolve("u")
                .toString());

        assertEquals(OccamCommand.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("columns are X1, X2, FLAG, Y ('Y' differs only in case"), run.err());
    }

    @Test
    @Order(5)
    void fit_driverFolder_readsTheDatabaseAsTheFileRouteReadsTheCsv() throws Exception {
        Path byDb = dir.resolve("db");
        CliRun run = CliRun.of("fit", useCase().toString(), "--out", byDb.toString(), "--driver", DRIVERS.toString(),
                "--threads", "1");
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        Path byFile = dir.resolve("file");
        assertEquals(OccamCommand.OK, CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out",
                byFile.toString(), "--threads", "1").exitCode());

        // Same rows, same types, same seed: the same folds and the same scores to the last digit.
        JsonNode a = Json.MAPPER.readTree(byDb.resolve("leaderboard.json").toFile()).get("candidates");
        JsonNode b = Json.MAPPER.readTree(byFile.resolve("leaderboard.json").toFile()).get("candidates");
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).get("model"), a.get(i).get("model"));
            assertEquals(b.get(i).get("folds"), a.get(i).get("folds"), a.get(i).get("model").asText());
        }
    }
}
