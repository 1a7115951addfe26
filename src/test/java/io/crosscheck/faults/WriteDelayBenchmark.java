package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What durable commits cost on the embedded H2: {@code WRITE_DELAY=0} (each commit on disk before it returns) against
 * H2's default (written up to 500 ms later), in one run, alternating, so that the machine's load weighs on both alike.
 * First bare JDBC transactions shaped like an article (one row and five chunk rows with 1.5 KB vectors), then whole
 * article uploads to the packaged service. Prints its figures; asserts nothing about speed.
 *
 * <pre>./mvnw package -DskipTests && ./mvnw -Pbench test -Dtest=WriteDelayBenchmark</pre>
 */
@Tag("bench")
class WriteDelayBenchmark {

    private static final String DURABLE = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    private static final String DELAYED = ";DB_CLOSE_ON_EXIT=FALSE";
    private static final int ROUNDS = 4;
    private static final int TRANSACTIONS = 300;
    private static final int UPLOADS = 20;

    @TempDir
    Path dir;

    @Test
    void commitCostOfWriteDelayZero() throws Exception {
        List<Double> durable = new ArrayList<>();
        List<Double> delayed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            delayed.add(jdbcRound("delayed" + round, DELAYED));
            durable.add(jdbcRound("durable" + round, DURABLE));
        }
        report("JDBC, one article-shaped transaction (ms)", delayed, durable);

        List<Double> durableUploads = new ArrayList<>();
        List<Double> delayedUploads = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            delayedUploads.add(uploadRound("svc-delayed" + round, DELAYED));
            durableUploads.add(uploadRound("svc-durable" + round, DURABLE));
        }
        report("Service, one article upload POST /api/articles (ms)", delayedUploads, durableUploads);
    }

    private double jdbcRound(String name, String options) throws Exception {
        Random random = new Random(42);
        byte[] vector = new byte[384 * 4];
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name) + options, "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table article (id varchar(200) primary key, text clob)");
                ddl.execute("create table chunk (id bigint auto_increment primary key, article_id varchar(200), "
                        + "text varchar(4000), embedding varbinary(2000))");
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            for (int t = 0; t < TRANSACTIONS; t++) {
                try (PreparedStatement article = connection.prepareStatement("insert into article values (?, ?)");
                        PreparedStatement chunk = connection.prepareStatement(
                                "insert into chunk (article_id, text, embedding) values (?, ?, ?)")) {
                    article.setString(1, "a" + t);
                    article.setString(2, "x".repeat(3000));
                    article.executeUpdate();
                    for (int c = 0; c < 5; c++) {
                        random.nextBytes(vector);
                        chunk.setString(1, "a" + t);
                        chunk.setString(2, "y".repeat(600));
                        chunk.setBytes(3, vector);
                        chunk.executeUpdate();
                    }
                }
                connection.commit();
            }
            return (System.nanoTime() - started) / 1e6 / TRANSACTIONS;
        }
    }

    private double uploadRound(String name, String options) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        try (ServiceProcess service = new ServiceProcess(work, Map.of("quarkus.datasource.jdbc.url",
                "jdbc:h2:file:./data/crosscheck" + options)).start()) {
            String run = FaultArticles.run();
            assertEquals(201, service.postJson("/api/articles", FaultArticles.article(run, 0)).statusCode());
            long started = System.nanoTime();
            for (int i = 1; i <= UPLOADS; i++) {
                assertEquals(201, service.postJson("/api/articles", FaultArticles.article(run, i)).statusCode());
            }
            return (System.nanoTime() - started) / 1e6 / UPLOADS;
        }
    }

    private static void report(String what, List<Double> delayed, List<Double> durable) {
        double a = mean(delayed);
        double b = mean(durable);
        System.out.printf(Locale.ROOT, "%s: default %.2f %s, WRITE_DELAY=0 %.2f %s, ratio %.2f; load %.1f%n", what, a,
                rounded(delayed), b, rounded(durable), b / a, load());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toArray());
    }

    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
