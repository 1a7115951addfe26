package io.crosscheck.answer;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import io.crosscheck.figures.StoryAnalysisService;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.crosscheck.text.QuoteMarks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ChatResourceTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    private static ValidatableResponse ask(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/chat").then();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void killedQuestionCitesSourcesAndListsCasualtyFiguresFromFourArticles() {
        Map<String, Object> response = ask(Map.of("question", "How many North Korean soldiers have been killed?"))
                .statusCode(200).body("mode", equalTo("extractive")).body("citations", not(empty()))
                .extract().as(Map.class);
        assertCitationsAreVerbatim(response);
        assertNumbersAreInCitedQuotes(response);
        Set<String> articles = new HashSet<>();
        Set<String> attributed = new HashSet<>();
        for (Map<String, Object> conflict : list(response.get("conflicts"))) {
            for (Map<String, Object> figure : list(conflict.get("figures"))) {
                for (Map<String, Object> source : list(figure.get("sources"))) {
                    articles.add((String) source.get("articleId"));
                    if (figure.get("attribution") != null) {
                        attributed.add((String) source.get("articleId"));
                    }
                }
            }
        }
        assertTrue(articles.size() >= 4, "casualty figures from at least four articles: " + articles);
        assertTrue(attributed.size() >= 3, "with attributions: " + attributed);
        assertTrue(list(response.get("conflicts")).stream().anyMatch(c -> "conflict".equals(c.get("status"))),
                "the casualty disagreement is a conflict");
        String answer = (String) response.get("answer");
        assertTrue(answer.startsWith("Sources") && answer.contains("killed"), "figures for the asked event lead: " + answer);
        assertTrue(answer.contains("(conflict)") || answer.startsWith("Sources disagree"), "the disagreement is named: " + answer);
    }

    @Test
    void theMeasureNamingTheAskedEventLeadsAndARelatedOneFollowsWithItsNumbers() {
        Map<String, Object> response = ask(Map.of("question", "How many North Korean soldiers have been killed?")).statusCode(200)
                .extract().as(Map.class);
        String lead = (String) list(response.get("conflicts")).get(0).get("measure");
        assertFalse(lead.matches("(?i).*(wound|injur|casualt).*"), "the killed measure leads, not killed-or-wounded: " + lead);
        for (String part : ((String) response.get("answer")).split("\n\n")) {
            assertTrue(!part.startsWith("Related") || part.matches("(?s).*\\[\\d+].*"), "a related measure with its numbers: " + part);
        }
    }

    @Test
    void questionsAboutWhenWhyAndWhoSaidAreAnsweredBySentencesWithoutAFiguresBlock() {
        for (String question : List.of("When did the North Korean troops withdraw from the front?",
                "Why did North Korea withdraw its troops?", "What did Shigemura say about the rumors when the soldiers return home?")) {
            ask(Map.of("question", question)).statusCode(200).body("conflicts", empty())
                    .body("citations", not(empty())).body("answer", not(containsString("no passage")));
        }
    }

    @Test
    void questionsInOtherWordsOrAboutAgreementReachTheMeasureTheyAreAbout() {
        // before: words the articles do not use for the deployment led to "square miles", and an agreement question to
        // the casualty measures
        for (String question : List.of("How large a contingent has Pyongyang dispatched to help Moscow?",
                "Do the reports agree on the size of the North Korean force sent to Russia?")) {
            Map<String, Object> response = ask(Map.of("question", question)).statusCode(200).extract().as(Map.class);
            Map<String, Object> lead = list(response.get("conflicts")).get(0);
            assertTrue(list(lead.get("figures")).stream().anyMatch(f -> f.get("low") instanceof Number low
                    && low.doubleValue() >= 10_000 && low.doubleValue() <= 12_000), question + " led by " + lead);
        }
    }

    @Test
    void aWhenQuestionQuotesTheTimeAndAWhoSaidQuestionTheSpeakersWords() {
        // before: "When did the troops withdraw?" never said "since mid-January", and "What did Zelensky say?" missed
        // his direct quotes
        ask(Map.of("question", "When did the North Korean troops withdraw from combat?")).statusCode(200)
                .body("citations.quote", org.hamcrest.Matchers.hasItem(containsString("mid-January")));
        ask(Map.of("question", "What did Zelensky say?")).statusCode(200)
                .body("citations.quote", org.hamcrest.Matchers.hasItem(containsString("matter of time")));
    }

    @Test
    void aWhyFollowUpAnswersWhyInsteadOfRepeatingTheFigures() {
        Map<String, Object> first = ask(Map.of("question", "How many North Korean soldiers have been killed?")).statusCode(200)
                .extract().as(Map.class);
        Map<String, Object> why = ask(Map.of("question", "Why?", "conversationId", first.get("conversationId"))).statusCode(200)
                .body("conflicts", empty()).extract().as(Map.class);
        assertFalse(why.get("answer").equals(first.get("answer")), "the follow-up repeats the previous answer: " + why.get("answer"));
    }

    @Test
    void troopQuestionListsAllFiveArticlesTroopFigures() {
        Map<String, Object> response = ask(Map.of("question", "How many troops did North Korea send?")).statusCode(200)
                .extract().as(Map.class);
        Map<String, Object> first = list(response.get("conflicts")).get(0);
        Set<String> articles = new HashSet<>();
        list(first.get("figures")).forEach(f -> list(f.get("sources")).forEach(s -> articles.add((String) s.get("articleId"))));
        assertEquals(5, articles.size(), "troop figures of all five seeds: " + first);
        assertNumbersAreInCitedQuotes(response);
        assertCitationsAreVerbatim(response);
    }

    @Test
    void aQuestionTouchingNoFigureGetsNoConflicts() {
        ask(Map.of("question", "Who is Emma Carter?")).statusCode(200).body("conflicts", empty());
    }

    @Test
    void followUpsUseTheConversation() {
        String id = ask(Map.of("question", "How many North Korean soldiers have been killed?")).statusCode(200)
                .extract().path("conversationId");
        List<String> measures = ask(Map.of("question", "and how many were wounded?", "conversationId", id)).statusCode(200)
                .body("conversationId", equalTo(id)).extract().path("conflicts.measure");
        assertTrue(!measures.isEmpty() && measures.get(0).matches("(?i).*(wound|injur|casualt).*"), measures.toString());
        ask(Map.of("question", "What is the capital of France?", "conversationId", id)).statusCode(200);
        given().get("/api/conversations/" + id).then().statusCode(200).body("turns", hasSize(3))
                .body("turns[1].question", equalTo("and how many were wounded?"))
                .body("turns[2].retrievalQuery", equalTo("What is the capital of France?"));
        given().delete("/api/conversations/" + id).then().statusCode(204);
        given().get("/api/conversations/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void statedFiguresComeFirstThenDerivedOnesEachByDateAndTheSummarySaysWhichAreComputed() {
        Map<String, Object> response = ask(Map.of("question", "How many North Korean soldiers have been killed?")).statusCode(200)
                .extract().as(Map.class);
        boolean sawDerived = false;
        for (Map<String, Object> conflict : list(response.get("conflicts"))) {
            String previous = null;
            boolean derivedSeen = false;
            for (Map<String, Object> figure : list(conflict.get("figures"))) {
                boolean derived = (Boolean) figure.get("derived");
                assertTrue(derived || !derivedSeen, "a stated figure after a derived one: " + conflict);
                if (derived && !derivedSeen) {
                    previous = null;
                }
                derivedSeen |= derived;
                String asOf = (String) figure.get("asOf");
                if (previous != null && asOf != null) {
                    assertTrue(previous.compareTo(asOf) <= 0, conflict.toString());
                }
                previous = asOf != null ? asOf : previous;
            }
            String summary = (String) conflict.get("summary");
            assertFalse(summary.contains("derived"), summary);
            if (derivedSeen) {
                sawDerived = true;
                assertTrue(summary.contains("; computed from these: "), summary);
                // computed figures by their numbers, never by the words they were computed from
                assertTrue(summary.substring(summary.indexOf("; computed from these: ")).matches(
                        "; computed from these: (?:up to |at least )?[\\d,.]+(?:–[\\d,.]+)?(?:, (?:up to |at least )?[\\d,.]+(?:–[\\d,.]+)?)*"),
                        summary);
                // a summary that lists figures (all but agreement, which gives their span) lists every stated one first
                String stated = summary.substring(0, summary.indexOf("; computed from these: "));
                list(conflict.get("figures")).stream().filter(f -> !(Boolean) f.get("derived") && !summary.startsWith("Sources agree"))
                        .forEach(f -> assertTrue(stated.contains((String) f.get("value")), f.get("value") + " in " + summary));
            }
        }
        assertTrue(sawDerived, "the casualty measures of the seeds include figures the service computed");
    }

    @Test
    void badQuestionsGetProblems() {
        ask(Map.of("question", " ")).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("question"));
        ask(Map.of("question", "x".repeat(2001))).statusCode(400).body("detail", containsString("2000"));
        given().contentType(ContentType.JSON).post("/api/chat").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"question\": ").post("/api/chat").then().statusCode(400);
    }

    @Test
    void streamingEndsWithTheFullAnswer() {
        String events = given().contentType(ContentType.JSON).body(Map.of("question", "How many troops did North Korea send?"))
                .post("/api/chat/stream").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();
        assertTrue(events.contains("event:answer") || events.contains("event: answer"), events);
        assertTrue(events.contains("\"conflicts\""), events);
    }

    @Test
    void answersCiteFromOneQuoteNoTitleAndBalanceTheirQuoteMarks() {
        for (String question : List.of("When did the troops withdraw?", "How many North Korean soldiers have been killed?",
                "How many troops did North Korea send?", "Why did North Korea withdraw its troops?",
                "What did Shigemura say about the rumors when the soldiers return home?")) {
            Map<String, Object> response = ask(Map.of("question", question)).statusCode(200).extract().as(Map.class);
            String answer = (String) response.get("answer");
            List<Map<String, Object>> citations = list(response.get("citations"));
            List<Integer> numbers = citations.stream().map(c -> (Integer) c.get("n")).toList();
            assertEquals(IntStream.rangeClosed(1, citations.size()).boxed().toList(), numbers, question + ": " + numbers);
            Matcher markers = Pattern.compile("\\[(\\d+)]").matcher(answer);
            assertTrue(markers.find() && markers.group(1).equals("1"), question + ": the answer cites [1] first: " + answer);
            do {
                assertTrue(numbers.contains(Integer.parseInt(markers.group(1))), question + ": " + markers.group() + " in " + answer);
            } while (markers.find());
            for (Map<String, Object> conflict : list(response.get("conflicts"))) {
                for (Map<String, Object> figure : list(conflict.get("figures"))) {
                    assertTrue(figure.get("n") == null || numbers.contains(figure.get("n")), question + ": " + figure);
                    list(figure.get("sources")).forEach(s -> assertTrue(s.get("n") == null || numbers.contains(s.get("n")),
                            question + ": " + figure));
                }
            }
            for (Map<String, Object> citation : citations) {
                String title = given().get("/api/articles/" + citation.get("articleId")).then().extract().path("title");
                assertFalse(ExtractiveAnswerer.isTitle((String) citation.get("quote"), title), question + ": " + citation);
            }
            assertTrue(QuoteMarks.areBalanced(answer), question + ": unbalanced quote marks in " + answer);
            assertFalse(answer.matches("(?s).*(““|””|\"\").*"), question + ": doubled quote marks in " + answer);
            assertCitationsAreVerbatim(response);
            assertNumbersAreInCitedQuotes(response);
        }
    }

    private static void assertCitationsAreVerbatim(Map<String, Object> response) {
        Map<String, String> texts = new HashMap<>();
        for (Map<String, Object> citation : list(response.get("citations"))) {
            String articleId = (String) citation.get("articleId");
            String text = texts.computeIfAbsent(articleId, id -> given().get("/api/articles/" + id).then().extract().path("text"));
            assertTrue(text.contains((String) citation.get("quote")), "quote not verbatim: " + citation);
        }
        for (Map<String, Object> conflict : list(response.get("conflicts"))) {
            for (Map<String, Object> figure : list(conflict.get("figures"))) {
                String text = texts.computeIfAbsent((String) figure.get("articleId"),
                        id -> given().get("/api/articles/" + id).then().extract().path("text"));
                assertTrue(text.contains((String) figure.get("quote")), "figure quote not verbatim: " + figure);
                assertTrue(text.contains((String) figure.get("value")), "figure value not verbatim: " + figure);
            }
        }
    }

    private static void assertNumbersAreInCitedQuotes(Map<String, Object> response) {
        Citations citations = new Citations();
        for (Map<String, Object> c : list(response.get("citations"))) {
            while (citations.list().size() + 1 < (Integer) c.get("n")) {
                citations.cite("gap" + citations.list().size(), null, null, null, null, "");
            }
            citations.cite((String) c.get("articleId"), null, null, null, null, (String) c.get("quote"));
        }
        AnswerValidator.Result checked = AnswerValidator.validate((String) response.get("answer"), citations);
        assertTrue(checked.removedSentences().isEmpty(), "numbers not in cited quotes: " + checked.removedSentences());
        assertTrue(checked.removedMarkers().isEmpty(), "markers citing nothing: " + checked.removedMarkers());
    }
}
