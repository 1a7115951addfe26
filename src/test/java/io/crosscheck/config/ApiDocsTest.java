package io.crosscheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import io.crosscheck.figures.StoryAnalysisService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * docs/api.md against the service: every {@code curl} example marked {@code <!-- step N -->} is sent, in step order,
 * to a service holding the bundled seeds (and what earlier steps uploaded), and the response blocks under it must
 * still match: status, the headers shown, field names and JSON types, and every value but the volatile ones
 * (issued ids, timestamps, scores and timings). Text a page shortens with {@code …} matches the live text it was cut
 * from; an array ending in {@code …} matches the live array's first elements.
 * <p>
 * {@code -Ddocs.update=true} rewrites the response blocks (and the ids the page quotes) from the live responses,
 * keeping each example's cuts, so that the page can be refreshed after a change of wording; review the diff.
 */
@QuarkusTest
@TestProfile(ApiDocsTest.FreshService.class)
class ApiDocsTest {

    /**
     * A database of its own, so that no other test's uploads show in the examples. A build for another database
     * (QUARKUS_DATASOURCE_JDBC_URL set) keeps it, and the test is skipped there.
     */
    public static class FreshService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null ? Map.of()
                    : Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:api-docs;DB_CLOSE_DELAY=-1");
        }
    }

    static final Path API_DOC = Path.of("docs", "api.md");
    static final String DOC_BASE = "http://localhost:8080";
    /** The management interface's root as the page writes it; the test's management URL names the same /q/ root. */
    static final String DOC_MANAGEMENT = "http://localhost:9000/q/";
    static final String ELIDED = "…";
    /** What a documented {@code …} outside a string becomes once the block is read as JSON. */
    static final String SENTINEL = "\u0000elided";

    /** Values that change from run to run: only their JSON type is checked. */
    static final Set<String> VOLATILE = Set.of("at", "ingestedAt", "lastActivity", "analysedAt", "since", "tookMs", "score",
            "chunkId", "lagSeconds");
    /** Ids the service issues: a documented one stands for the live one wherever it appears later on the page. */
    static final Set<String> ISSUED = Set.of("conversationId", "measureId", "id");

    static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
    static final Pattern MARK = Pattern.compile("<!--\\s*(step\\s+(\\d+)|not checked:[^>]*)\\s*-->\\s*$");
    static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})[^\\n]*");
    static final Map<Integer, String> REASONS = Map.of(200, "OK", 201, "Created", 204, "No Content", 400, "Bad Request",
            401, "Unauthorized", 404, "Not Found", 409, "Conflict", 415, "Unsupported Media Type", 429, "Too Many Requests",
            503, "Service Unavailable");

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    StoryAnalysisService analysis;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Documented issued id → live id. */
    final Map<String, String> issued = new LinkedHashMap<>();
    /** Live issued id → the first documented id that stood for it: what a rewrite keeps, so that it changes no id needlessly. */
    final Map<String, String> documentedAs = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    @Test
    void everyDocumentedExampleIsWhatTheServiceAnswers() throws Exception {
        Assumptions.assumeTrue(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null,
                "docs/api.md's examples are captured on a fresh embedded database, not on " + System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
        String doc = Files.readString(API_DOC);
        List<Example> examples = examples(doc);
        Map<Integer, String> rewritten = new TreeMap<>(Comparator.reverseOrder());
        for (Example example : examples) {
            // answers read the last committed analysis: the page shows them once every story is analysed
            analysis.drain();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Curl curl : example.curls) {
                responses.add(send(curl));
            }
            String where = "step " + example.step + " (docs/api.md line " + line(doc, example.at) + ")";
            check(example, responses, where);
            render(example, responses, rewritten);
        }
        if (Boolean.getBoolean("docs.update")) {
            StringBuilder updated = new StringBuilder(doc);
            rewritten.forEach((start, text) -> {
                int end = updated.indexOf("\n```", start);
                updated.replace(start, end + 1, text);
            });
            // an id the page gave two names (or a measure id the service now forms otherwise) gets one name again
            String page = updated.toString();
            for (Map.Entry<String, String> id : issued.entrySet()) {
                String name = rewrittenId(id.getValue());
                if (!name.equals(id.getKey())) {
                    page = page.replace(id.getKey(), name);
                }
            }
            Files.writeString(API_DOC, page);
            System.out.println("docs/api.md rewritten from the live responses; what changed:\n" + String.join("\n", problems));
            return;
        }
        assertEquals("", String.join("\n", problems),
                "docs/api.md no longer matches the service; after checking that the change is meant, run "
                        + "./mvnw -o test -Dtest=ApiDocsTest -Ddocs.update=true and review the diff");
    }

    // --- reading the page

    record Curl(String method, String url, Map<String, String> headers, String body) {
    }

    record Block(String lang, int contentStart, String content) {
    }

    record Example(int step, int at, List<Curl> curls, List<Block> responses) {
    }

    /** The marked curl examples in step order; an unmarked one is a problem, so that none escapes the check. */
    List<Example> examples(String doc) {
        List<Example> examples = new ArrayList<>();
        Matcher fence = FENCE.matcher(doc);
        List<Block> blocks = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        while (fence.find()) {
            blocks.add(new Block(fence.group(1), fence.start(2), fence.group(2)));
            starts.add(fence.start());
            ends.add(fence.end());
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.lang.equals("shell") || !block.content.contains("curl ")) {
                continue;
            }
            Matcher mark = MARK.matcher(doc.substring(i == 0 ? 0 : ends.get(i - 1), starts.get(i)).stripTrailing());
            if (!mark.find()) {
                problems.add("docs/api.md line " + line(doc, starts.get(i))
                        + ": a curl example needs <!-- step N --> (checked) or <!-- not checked: why --> before it");
                continue;
            }
            if (mark.group(2) == null) {
                continue;
            }
            List<Block> responses = new ArrayList<>();
            for (int j = i + 1; j < blocks.size() && doc.substring(ends.get(j - 1), starts.get(j)).isBlank()
                    && (blocks.get(j).lang.equals("http") || blocks.get(j).lang.equals("json")); j++) {
                responses.add(blocks.get(j));
            }
            examples.add(new Example(Integer.parseInt(mark.group(2)), starts.get(i), curls(block.content), responses));
        }
        examples.sort(Comparator.comparingInt(Example::step));
        for (int i = 1; i < examples.size(); i++) {
            if (examples.get(i).step == examples.get(i - 1).step) {
                problems.add("docs/api.md: two examples are step " + examples.get(i).step);
            }
        }
        return examples;
    }

    static List<Curl> curls(String shell) {
        List<Curl> curls = new ArrayList<>();
        for (String line : shell.replace("\\\n", " ").split("\n")) {
            if (!line.strip().startsWith("curl ")) {
                continue;
            }
            List<String> words = words(line.strip().substring(5));
            String method = null;
            String url = null;
            String body = null;
            Map<String, String> headers = new LinkedHashMap<>();
            for (Iterator<String> it = words.iterator(); it.hasNext();) {
                String word = it.next();
                switch (word) {
                    case "-X" -> method = it.next();
                    case "-H" -> {
                        String[] header = it.next().split(":\\s*", 2);
                        headers.put(header[0], header[1]);
                    }
                    case "-d", "--data", "--data-binary", "--data-raw" -> body = it.next();
                    default -> {
                        if (!word.startsWith("-")) {
                            url = word;
                        }
                    }
                }
            }
            curls.add(new Curl(method != null ? method : body != null ? "POST" : "GET", url, headers, body));
        }
        return curls;
    }

    /** Shell words: '…', "…", $'…' (with \n, \t, \\ and \' escapes) and bare words, quoted parts joined. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                for (i += 2; line.charAt(i) != '\''; i++) {
                    char d = line.charAt(i);
                    if (d == '\\') {
                        char e = line.charAt(++i);
                        word.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        word.append(d);
                    }
                }
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                word.append(line, i + 1, close);
                i = close;
            } else if (c == '"') {
                for (i++; line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                    word.append(line.charAt(i));
                }
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    // --- asking the service

    HttpResponse<String> send(Curl curl) throws IOException, InterruptedException {
        String url = issue(curl.url).replace(DOC_BASE + "/", base.toString()).replace(DOC_MANAGEMENT, management.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
        curl.headers.forEach((name, value) -> request.header(name, issue(value)));
        if (curl.body != null && !curl.headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        request.method(curl.method, curl.body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(issue(curl.body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The documented text with each issued id the page showed replaced by the one the service issued. */
    String issue(String text) {
        String result = text;
        for (Map.Entry<String, String> id : issued.entrySet()) {
            result = result.replace(id.getKey(), id.getValue());
        }
        return result;
    }

    /** Live text as the page writes it: on the documented host and ports. */
    String asDocumented(String live) {
        return live.replace(base.toString(), DOC_BASE + "/").replace(management.toString(), DOC_MANAGEMENT);
    }

    // --- comparing

    /** What one response block says: status and headers from an http block, then the body (inline or a json block). */
    record Expected(Integer status, Map<String, String> headers, String body, boolean bodyInHttpBlock) {
    }

    static Expected expected(List<Block> blocks) {
        Integer status = null;
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        boolean inline = false;
        for (Block block : blocks) {
            if (block.lang.equals("http")) {
                String[] parts = block.content.split("\n\n", 2);
                String[] lines = parts[0].split("\n");
                Matcher statusLine = STATUS_LINE.matcher(lines[0]);
                if (statusLine.matches()) {
                    status = Integer.parseInt(statusLine.group(1));
                }
                for (int i = 1; i < lines.length; i++) {
                    String[] header = lines[i].split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                if (parts.length > 1 && !parts[1].isBlank()) {
                    body = parts[1];
                    inline = true;
                }
            } else {
                body = block.content;
            }
        }
        return new Expected(status, headers, body, inline);
    }

    void check(Example example, List<HttpResponse<String>> responses, String where) throws JsonProcessingException {
        Expected expected = expected(example.responses);
        List<String> bodies = expected.body == null ? List.of() : responses.size() == 1 ? List.of(expected.body)
                : expected.body.strip().lines().toList();
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> live = responses.get(i);
            String at = where + (responses.size() > 1 ? " request " + (i + 1) : "");
            if (expected.status != null && expected.status != live.statusCode()) {
                problems.add(at + ": status " + expected.status + " documented, " + live.statusCode() + " sent: " + shorten(live.body()));
            } else if (expected.status == null && live.statusCode() >= 300) {
                problems.add(at + ": the service answered " + live.statusCode() + ": " + shorten(live.body()));
            }
            for (Map.Entry<String, String> header : expected.headers.entrySet()) {
                String sent = live.headers().firstValue(header.getKey()).map(this::asDocumented).orElse(null);
                if (!issue(header.getValue()).equals(sent)) {
                    problems.add(at + ": header " + header.getKey() + ": documented " + header.getValue() + ", sent " + sent);
                }
            }
            if (i < bodies.size()) {
                compareBodies(bodies.get(i), live.body(), at);
            }
        }
    }

    void compareBodies(String documented, String live, String at) throws JsonProcessingException {
        if (documented.startsWith("event:")) {
            List<String[]> expectedEvents = events(documented);
            List<String[]> liveEvents = events(live);
            if (expectedEvents.size() != liveEvents.size()) {
                problems.add(at + ": " + expectedEvents.size() + " events documented, " + liveEvents.size() + " sent");
                return;
            }
            for (int i = 0; i < expectedEvents.size(); i++) {
                if (!expectedEvents.get(i)[0].equals(liveEvents.get(i)[0])) {
                    problems.add(at + ": event " + expectedEvents.get(i)[0] + " documented, " + liveEvents.get(i)[0] + " sent");
                } else {
                    compare(readDocumented(expectedEvents.get(i)[1]), JSON.readTree(liveEvents.get(i)[1]), "$", null, at);
                }
            }
            return;
        }
        JsonNode sent;
        try {
            sent = JSON.readTree(live);
        } catch (JsonProcessingException e) {
            problems.add(at + ": the page shows JSON, the service sent " + shorten(live));
            return;
        }
        compare(readDocumented(documented), sent, "$", null, at);
    }

    /** A Server-Sent Events body as [name, data] pairs. */
    static List<String[]> events(String body) {
        List<String[]> events = new ArrayList<>();
        for (String event : body.strip().split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
            events.add(new String[] { name, data.toString() });
        }
        return events;
    }

    /** Reads a documented body: each {@code …} outside a string becomes a marker that the comparison understands. */
    static JsonNode readDocumented(String text) throws JsonProcessingException {
        StringBuilder json = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString && c == '\\') {
                json.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            json.append(!inString && c == '…' ? "\"\\u0000elided\"" : String.valueOf(c));
        }
        return JSON.readTree(json.toString());
    }

    void compare(JsonNode doc, JsonNode live, String path, String key, String at) {
        if (key != null && VOLATILE.contains(key) || "id".equals(key) && doc.isNumber()) {
            if (doc.isNull() != live.isNull() || type(doc) != type(live)) {
                problems.add(at + ": " + path + " is " + type(doc) + " in the page, " + type(live) + " in the service");
            }
            return;
        }
        if (key != null && ISSUED.contains(key) && doc.isTextual() && live.isTextual()) {
            String bound = issued.putIfAbsent(doc.asText(), live.asText());
            documentedAs.putIfAbsent(live.asText(), doc.asText());
            if (bound != null && !bound.equals(live.asText()) && "measureId".equals(key)) {
                // a measure's id depends on the analysis passes that ran while the seeds arrived (an id is kept only
                // while most of its figures stay together), so a run may name one documented measure otherwise in a
                // later step (seen in CI: count-2-1.5 in one step, absent-1.5 in the next); later steps use the newer
                issued.put(doc.asText(), live.asText());
                documentedAs.putIfAbsent(live.asText(), doc.asText());
                return;
            }
            if (bound != null && !bound.equals(live.asText())) {
                problems.add(at + ": " + path + " is " + live.asText() + " where the page expects " + bound + " again");
            }
            return;
        }
        if (type(doc) != type(live)) {
            problems.add(at + ": " + path + " is " + type(doc) + " in the page, " + type(live) + " in the service: " + shorten(live.toString()));
            return;
        }
        switch (type(doc)) {
            case OBJECT -> {
                List<String> documented = fieldNames(doc);
                List<String> sent = fieldNames(live);
                if (!Set.copyOf(documented).equals(Set.copyOf(sent))) {
                    problems.add(at + ": " + path + " has fields " + documented + " in the page, " + sent + " in the service");
                }
                for (String name : documented) {
                    if (live.has(name)) {
                        compare(doc.get(name), live.get(name), path + "." + name, name, at);
                    }
                }
            }
            case ARRAY -> {
                live = inDocumentedOrder(doc, live);
                boolean cut = doc.size() > 0 && SENTINEL.equals(doc.get(doc.size() - 1).asText());
                int shown = cut ? doc.size() - 1 : doc.size();
                if (cut ? live.size() < shown : live.size() != shown) {
                    problems.add(at + ": " + path + " has " + (cut ? "at least " : "") + shown + " elements in the page, "
                            + live.size() + " in the service");
                }
                for (int i = 0; i < Math.min(shown, live.size()); i++) {
                    compare(doc.get(i), live.get(i), path + "[" + i + "]", null, at);
                }
            }
            case STRING -> {
                String expected = issue(doc.asText());
                String sent = asDocumented(live.asText());
                if (!expected.equals(sent) && !(expected.contains(ELIDED) && cutFrom(expected, sent))) {
                    problems.add(at + ": " + path + "\n    page:    " + shorten(expected) + "\n    service: " + shorten(sent));
                }
            }
            case NUMBER -> {
                if (doc.decimalValue().compareTo(live.decimalValue()) != 0) {
                    problems.add(at + ": " + path + " is " + doc + " in the page, " + live + " in the service");
                }
            }
            case BOOLEAN -> {
                if (doc.asBoolean() != live.asBoolean()) {
                    problems.add(at + ": " + path + " is " + doc + " in the page, " + live + " in the service");
                }
            }
            default -> {
            }
        }
    }

    /**
     * A live array of named objects (health checks) in the page's order: the service does not promise an order for
     * them. Any other array keeps its order, which is part of what the page documents (search ranks, figures by date).
     */
    static JsonNode inDocumentedOrder(JsonNode doc, JsonNode live) {
        if (doc.size() != live.size() || doc.size() == 0) {
            return live;
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        live.forEach(element -> byName.put(element.path("name").asText(null), element));
        List<JsonNode> ordered = new ArrayList<>();
        doc.forEach(element -> ordered.add(byName.get(element.path("name").asText(null))));
        if (byName.containsKey(null) || byName.size() != live.size() || ordered.contains(null)) {
            return live;
        }
        return JSON.valueToTree(ordered);
    }

    static JsonNodeType type(JsonNode node) {
        return node.getNodeType();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether a text the page shortened with … or […] was cut from the live text: its pieces appear in order. */
    static boolean cutFrom(String shortened, String live) {
        String[] pieces = shortened.split("\\[…\\]|…", -1);
        if (!live.startsWith(pieces[0]) || !live.endsWith(pieces[pieces.length - 1])) {
            return false;
        }
        int from = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            from = live.indexOf(pieces[i], from);
            if (from < 0) {
                return false;
            }
            from += pieces[i].length();
        }
        return from <= live.length() - pieces[pieces.length - 1].length();
    }

    static String shorten(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    static int line(String doc, int offset) {
        return (int) doc.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    // --- rewriting (-Ddocs.update=true)

    /** The example's response blocks written from the live responses, cut where the page cut them. */
    void render(Example example, List<HttpResponse<String>> responses, Map<Integer, String> rewritten) throws JsonProcessingException {
        Expected expected = expected(example.responses);
        HttpResponse<String> first = responses.get(0);
        for (Block block : example.responses) {
            StringBuilder text = new StringBuilder();
            if (block.lang.equals("http")) {
                text.append("HTTP/1.1 ").append(first.statusCode()).append(' ')
                        .append(REASONS.getOrDefault(first.statusCode(), "")).append('\n');
                for (String name : expected.headers.keySet()) {
                    text.append(name).append(": ").append(first.headers().firstValue(name).map(this::asDocumented).orElse("")).append('\n');
                }
                if (expected.bodyInHttpBlock) {
                    boolean pretty = !expected.body.startsWith("event:") && expected.body.strip().contains("\n");
                    text.append('\n').append(renderBody(expected.body, first.body(), pretty)).append('\n');
                }
            } else if (responses.size() > 1) {
                List<String> documented = block.content.strip().lines().toList();
                for (int i = 0; i < responses.size(); i++) {
                    text.append(renderBody(i < documented.size() ? documented.get(i) : null, responses.get(i).body(), false)).append('\n');
                }
            } else {
                boolean pretty = block.content.strip().contains("\n");
                text.append(renderBody(block.content, first.body(), pretty)).append('\n');
            }
            rewritten.put(block.contentStart, text.toString());
        }
    }

    String renderBody(String documented, String live, boolean pretty) throws JsonProcessingException {
        if (live.isBlank()) {
            return "";
        }
        if (documented != null && documented.startsWith("event:")) {
            List<String[]> shapes = events(documented);
            List<String[]> events = events(live);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < events.size(); i++) {
                JsonNode shape = i < shapes.size() ? readDocumented(shapes.get(i)[1]) : null;
                text.append("event:").append(events.get(i)[0]).append("\ndata:");
                write(JSON.readTree(events.get(i)[1]), shape, false, 0, text);
                text.append("\n\n");
            }
            return text.toString().stripTrailing() + "\n";
        }
        JsonNode sent;
        try {
            sent = JSON.readTree(live);
        } catch (JsonProcessingException e) {
            return asDocumented(live);
        }
        StringBuilder text = new StringBuilder();
        write(sent, documented == null ? null : readDocumented(documented), pretty, 0, text);
        return text.toString();
    }

    /** JSON as the page writes it (four-space indent, or compact), with the page's cuts kept where they still fit. */
    void write(JsonNode live, JsonNode shape, boolean pretty, int depth, StringBuilder out) {
        write(live, shape, null, pretty, depth, out);
    }

    void write(JsonNode live, JsonNode shape, String key, boolean pretty, int depth, StringBuilder out) {
        if (key != null && shape != null && (VOLATILE.contains(key) || "id".equals(key) && shape.isNumber())
                && shape.isNull() == live.isNull() && type(shape) == type(live)) {
            out.append(shape);
            return;
        }
        if (key != null && ISSUED.contains(key) && live.isTextual()) {
            out.append(JSON.valueToTree(rewrittenId(live.asText())).toString());
            return;
        }
        String indent = pretty ? "\n" + "    ".repeat(depth + 1) : "";
        String close = pretty ? "\n" + "    ".repeat(depth) : "";
        if (live.isObject()) {
            if (live.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = live.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(indent).append(JSON.valueToTree(field.getKey()).toString()).append(pretty ? ": " : ":");
                write(field.getValue(), shape != null && shape.isObject() ? shape.get(field.getKey()) : null, field.getKey(), pretty,
                        depth + 1, out);
                out.append(fields.hasNext() ? "," : "");
            }
            out.append(close).append('}');
        } else if (live.isArray()) {
            if (shape != null && shape.isArray()) {
                live = inDocumentedOrder(shape, live);
            }
            boolean cut = shape != null && shape.isArray() && shape.size() > 0 && SENTINEL.equals(shape.get(shape.size() - 1).asText());
            int shown = cut ? Math.min(shape.size() - 1, live.size()) : live.size();
            if (shown == 0 && !cut) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < shown; i++) {
                out.append(indent);
                // an element past the page's last one is cut like that one
                int last = shape != null && shape.isArray() ? shape.size() - (cut ? 2 : 1) : -1;
                JsonNode elementShape = last >= 0 ? shape.get(Math.min(i, last)) : null;
                write(live.get(i), elementShape, pretty, depth + 1, out);
                out.append(i < shown - 1 || cut && shown < live.size() ? "," : "");
            }
            if (cut && shown < live.size()) {
                out.append(indent).append(ELIDED);
            }
            out.append(close).append(']');
        } else if (live.isTextual()) {
            String text = asDocumented(live.asText());
            if (shape != null && shape.isTextual() && shape.asText().contains(ELIDED) && !text.contains(ELIDED)) {
                String documented = issue(shape.asText());
                text = cutFrom(documented, text) ? documented : cutLike(documented, text);
            }
            out.append(JSON.valueToTree(text).toString().replace("\\u0000", ""));
        } else {
            out.append(live.toString());
        }
    }

    /**
     * How a rewrite names a live issued id: a measure id as the service formed it (it is reproducible, and it names
     * its story), any other (random) id as the page first named it.
     */
    String rewrittenId(String live) {
        boolean measure = issued.entrySet().stream().anyMatch(id -> id.getValue().equals(live) && MEASURE_ID.matcher(id.getKey()).matches());
        return measure ? live : documentedAs.getOrDefault(live, live);
    }

    static final Pattern MEASURE_ID = Pattern.compile("[a-z-]+-\\d+\\.\\d+(-\\d+)?");

    /** A live text cut to about the length the page kept of the text it replaces, at a word break. */
    static String cutLike(String documented, String live) {
        int keep = Math.max(documented.split("\\[…\\]|…", -1)[0].length(), 80);
        if (live.length() <= keep) {
            return live;
        }
        int space = live.lastIndexOf(' ', keep);
        return live.substring(0, space > 0 ? space : keep) + " …";
    }
}
