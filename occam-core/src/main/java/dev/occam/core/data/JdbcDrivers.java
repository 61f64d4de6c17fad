package dev.occam.core.data;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Logger;

/**
 * JDBC drivers from jars that are not on the class path ({@code java -jar} ignores any other): {@code occam fit
 * --driver PATH}, the {@code drivers/} folder beside the launcher, {@code OCCAM_DRIVERS}. The jars are opened by a
 * {@link URLClassLoader}, their drivers found as {@link ServiceLoader} finds them (each jar's
 * {@code META-INF/services/java.sql.Driver}, JDBC 4), and each is registered wrapped in a {@link Shim}: the
 * {@link DriverManager} hands out only drivers whose class the caller's class loader can see, so a driver of a
 * foreign loader must be registered through a class of ours (the usual workaround, Sun's JDBC tech tip "Pluggable
 * JDBC drivers", and the reason {@code Class.forName} alone is not enough).
 */
public final class JdbcDrivers {

    /** Jars already opened, so loading the same paths twice registers nothing twice. */
    private static final Set<Path> LOADED = new HashSet<>();

    private JdbcDrivers() {
    }

    /**
     * Opens every jar of {@code paths} (a jar, or a folder whose {@code *.jar} files are read) and registers the
     * drivers they declare.
     *
     * @return the class names of the drivers registered by this call
     * @throws DataException when a path does not exist, is neither a jar nor a folder, or holds no JDBC driver
     */
    public static synchronized List<String> load(List<Path> paths) throws DataException {
        List<String> registered = new ArrayList<>();
        for (Path path : paths) {
            List<Path> jars = jarsOf(path);
            List<Path> fresh = new ArrayList<>();
            for (Path jar : jars) {
                if (!LOADED.contains(jar)) {
                    fresh.add(jar);
                }
            }
            if (fresh.isEmpty()) {
                continue;
            }
            List<String> found = register(path, fresh);
            LOADED.addAll(fresh);
            registered.addAll(found);
        }
        return registered;
    }

    private static List<String> register(Path path, List<Path> jars) throws DataException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new DataException(jars.get(i) + ": cannot be opened as a jar: " + e.getMessage(), e);
            }
        }
        // Never closed: the registered drivers load their classes from it for as long as the program runs.
        URLClassLoader loader = new URLClassLoader(urls, JdbcDrivers.class.getClassLoader());
        List<String> names = new ArrayList<>();
        try {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                if (driver.getClass().getClassLoader() != loader) {
                    continue; // on the class path already (DuckDB's): DriverManager has it
                }
                DriverManager.registerDriver(new Shim(driver));
                names.add(driver.getClass().getName());
            }
        } catch (ServiceConfigurationError | SQLException e) {
            throw new DataException(path + ": cannot load its JDBC driver: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new DataException(path + ": holds no JDBC driver (no jar in it declares one in"
                    + " META-INF/services/java.sql.Driver); give the database's JDBC driver jar");
        }
        return names;
    }

    private static List<Path> jarsOf(Path path) throws DataException {
        Path abs = path.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new DataException(path + ": no such JDBC driver jar or folder");
        }
        if (Files.isRegularFile(abs)) {
            if (!abs.getFileName().toString().endsWith(".jar")) {
                throw new DataException(path + ": a JDBC driver is a .jar file (or a folder of them)");
            }
            return List.of(abs);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(abs, "*.jar")) {
            s.forEach(jars::add);
        } catch (IOException e) {
            throw new DataException(path + ": cannot list the folder: " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars;
    }

    /** A driver of another class loader, seen by {@link DriverManager} through this class of ours. */
    private record Shim(Driver driver) implements Driver {

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return driver.connect(url, info);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return driver.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return driver.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return driver.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return driver.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return driver.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }
    }
}
