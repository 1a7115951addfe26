package io.crosscheck.config;

/**
 * Sizes of the bounded text columns (src/main/resources/db/migration) and of the requests that fill them: what a
 * client sends beyond them is refused with a 400 naming the field; what the service derives (figure phrases, a title
 * read from the text, a measure label) is cut to fit with {@link #fit}. LimitsTest checks every size against the schema
 * the migrations built.
 */
public final class Limits {

    /** {@code article.id}; ids are also restricted to file-name characters. */
    public static final int ARTICLE_ID = 200;
    /** {@code article.title}: headlines run to about 150 characters; 1,000 leaves room for a subtitle. */
    public static final int TITLE = 1000;
    /** {@code article.outlet}. */
    public static final int OUTLET = 300;
    /** {@code article.url}: the practical limit of browsers and proxies. */
    public static final int URL = 2000;
    /** {@code conversation.id}. */
    public static final int CONVERSATION_ID = 100;
    /** A question or search query: a paragraph at most; longer text is an article, not a question. */
    public static final int QUESTION = 2000;

    /** {@code figure.span}. */
    public static final int FIGURE_SPAN = 1000;
    /** {@code figure.qualifier}. */
    public static final int FIGURE_QUALIFIER = 100;
    /** {@code figure.unit}. */
    public static final int FIGURE_UNIT = 200;
    /** {@code figure.percent_of}. */
    public static final int FIGURE_PERCENT_OF = 500;
    /** {@code figure.counted}. */
    public static final int FIGURE_COUNTED = 500;
    /** {@code figure.event}. */
    public static final int FIGURE_EVENT = 100;
    /** {@code figure.attribution}. */
    public static final int FIGURE_ATTRIBUTION = 1000;
    /** {@code figure.as_of_text}. */
    public static final int FIGURE_AS_OF_TEXT = 200;
    /** {@code measure.label}. */
    public static final int MEASURE_LABEL = 1000;

    private Limits() {
    }

    /**
     * Derived text cut to its column, at the last space when there is one in the second half, so that it never
     * fails a write; null stays null.
     */
    public static String fit(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int cut = max - 1;
        int space = value.lastIndexOf(' ', cut);
        if (space > max / 2) {
            cut = space;
        } else if (Character.isLowSurrogate(value.charAt(cut))) {
            cut--;
        }
        return value.substring(0, cut).stripTrailing() + "…";
    }
}
