package io.crosscheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Each limit is the size of its column in the schema the migrations built, on whichever database the tests run. */
@QuarkusTest
class LimitsTest {

    @Inject
    DataSource dataSource;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({ "article, id, " + Limits.ARTICLE_ID, "article, title, " + Limits.TITLE, "article, outlet, " + Limits.OUTLET,
            "article, url, " + Limits.URL, "conversation, id, " + Limits.CONVERSATION_ID,
            "figure, span, " + Limits.FIGURE_SPAN, "figure, qualifier, " + Limits.FIGURE_QUALIFIER,
            "figure, unit, " + Limits.FIGURE_UNIT, "figure, percent_of, " + Limits.FIGURE_PERCENT_OF,
            "figure, counted, " + Limits.FIGURE_COUNTED, "figure, event, " + Limits.FIGURE_EVENT,
            "figure, attribution, " + Limits.FIGURE_ATTRIBUTION, "figure, as_of_text, " + Limits.FIGURE_AS_OF_TEXT,
            "measure, label, " + Limits.MEASURE_LABEL })
    void limitIsTheColumnSize(String table, String column, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select character_maximum_length from "
                        + "information_schema.columns where lower(table_name) = ? and lower(column_name) = ?")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                assertEquals(limit, result.getInt(1), table + "." + column);
            }
        }
    }
}
