package org.ccsync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server started from Maven-packaged binaries, without Docker; it runs as root. It can be stopped
 * and started again on the same data directory and port, as an outage of the database a service depends on.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /** Starts a server on a free port, tuned for tests (no fsync). */
    public static EmbeddedPostgresServer start() {
        try {
            Path dataDirectory = Files.createTempDirectory("ccsync-postgres-");
            return new EmbeddedPostgresServer(dataDirectory, builder(dataDirectory).start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL server", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300");
    }

    /** Stops the server (connections are cut, as in a crash of the database host); {@link #restart} brings it back. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL server", e);
        }
    }

    /** Starts the stopped server again on the same data directory and port: every database is as it was. */
    public synchronized void restart() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = builder(dataDirectory).setPort(port).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart the embedded PostgreSQL server", e);
        }
    }

    public boolean running() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates a database unless it exists, and returns its JDBC URL. */
    public String createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        return jdbcUrl(database);
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not remove " + dataDirectory, e);
        }
    }
}
