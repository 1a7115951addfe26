package io.crosscheck.text;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a raw article (plain text, Markdown or HTML) into clean paragraphs separated by blank lines, removes web
 * page furniture (share widgets, image placeholders, comment forms, view counters, table rules) and reads the
 * title, outlet and publication date only where the text states them.
 */
public final class TextCleaner {

    public enum Format {
        TEXT, MARKDOWN, HTML
    }

    /**
     * Version of these rules. Raise it whenever a change gives some article a different cleaned text, title, outlet
     * or date: stored articles with an older version are cleaned again in the background (ingest.CleaningUpgrade).
     * 1: table rows rewritten as "cell: cell." and widget tokens cut out of lines; 2: lines kept verbatim, titles
     * that read like headlines only.
     */
    public static final int VERSION = 2;

    /**
     * Whole lines that are page furniture on news sites, whatever the article is about: comment forms and share bars
     * (WordPress, the demo files), section and navigation labels, and the reading-time, listen and copyright lines of
     * news CMSs; each entry is a site's furniture, never a phrase of a story.
     */
    private static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "(?i)^(leave a (reply|comment)|your email address will not be published.*|required fields are marked.*"
                    + "|share (this|the) (article|story|post|page)\\s*:?|share( on)?( (facebook|twitter|x|linkedin|whatsapp|email))*\\s*:?"
                    + "|recent posts|related (posts|articles|stories|topics|coverage)|read more\\s*:?|advertisement|sponsored( content)?"
                    + "|click here.*|follow us.*|sign up for .*newsletter.*|subscribe( now)?( to .*)?|all rights reserved.*"
                    + "|comments?|post comment|cancel reply|save my name, email.*|tags?\\s*:.*|news sources\\s*:?"
                    + "|you may also like|most (read|popular|viewed)|trending( now)?|skip to (main )?content|menu|search"
                    + "|(world|latest|breaking|top) news|(\\d+ )?min(ute)?s? read|listen to (this )?(article|story).*"
                    + "|copy link|print|sign in|log in|image source\\s*,.*|(©|copyright\\b).*)$");

    /**
     * CSS-class-like tokens left behind by scraped widgets ("side-post-image", "share-icon", "nav-post-picture",
     * "author-avatar", "header-logo"): lowercase words joined by hyphens ending in a widget noun.
     */
    private static final String WIDGET = "[a-z]+(?:-[a-z]+)*-(?:icon|image|img|picture|thumbnail|thumb|avatar|logo|banner|button)";
    private static final Pattern WIDGET_TOKEN = Pattern.compile("\\b" + WIDGET + "(?![a-z-])");
    private static final Pattern LEADING_WIDGETS = Pattern.compile("^(?:" + WIDGET + "(?![a-z-])\\s*)+");
    private static final Pattern TRAILING_WIDGETS = Pattern.compile("(?:(?<![A-Za-z-])" + WIDGET + "\\s*)+$");
    private static final Pattern OUTER_PIPES = Pattern.compile("^\\|\\s*|\\s*\\|$");

    /** Counters and relative times that describe the page, not the story: "2 views", "2 hours ago". */
    private static final Pattern PAGE_COUNTER = Pattern.compile(
            "(?i)\\b\\d+\\s+(?:views?|comments?|shares?|likes?|reads?)\\b|\\b\\d+\\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\\s+ago\\b"
                    + "|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\\s+[a-z]+\\s+\\d{1,2}\\b(?!,?\\s*\\d{4})");

    /** A line that lost counters or widgets and has at most this many words left was a page header, not a sentence. */
    private static final int SHORT_LINE_WORDS = 3;

    private static final Pattern TABLE_RULE = Pattern.compile("^[\\s|:\\-—–=+]+$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[•·*▪◦‣]|-(?=\\s)|\\d{1,2}[.)](?=\\s))\\s*");
    private static final Pattern ONLY_PUNCTUATION_OR_NUMBER = Pattern.compile("^[\\p{Punct}\\s\\d•·–—]*$");

    /** Credit lines naming where the article comes from ("Source: Reuters", "This story first appeared in Wired"). */
    private static final Pattern OUTLET_LINE = Pattern.compile(
            "(?i)^(?:original source|source|credited from|originally published (?:by|in|on|at)|via|courtesy of"
                    + "|(?:reprinted|republished|adapted) (?:with permission )?from"
                    + "|this (?:article|story|report) (?:was )?(?:originally |first )(?:published|appeared) (?:by|in|on|at))"
                    + "\\s*:?\\s*(.{2,80}?)\\.?$");
    /**
     * Sign-offs naming the outlet in capitalised words: "Stay tuned to World Today News for more updates", "For more
     * news, visit Coast Post." The name must be capitalised so that "stay tuned to our channel" names nothing.
     */
    private static final Pattern OUTLET_SIGNOFF = Pattern.compile(
            "^(?i:stay tuned to|keep (?:it )?locked (?:on|to)|for (?:more|the latest)(?: news| updates| stories)?,? (?:visit|go to|read))"
                    + " ((?:[A-Z0-9][\\w&'.-]*\\s?){1,6}?)(?:\\s+(?i:for|on|at)\\b.*|[.!]?)$");
    private static final Pattern DATE_LINE = Pattern.compile(
            "(?i)^(?:published|posted|updated|date)?\\s*(?:on)?\\s*:?\\s*"
                    + "(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\\s+)?"
                    + "((?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{1,2},?\\s+\\d{4}"
                    + "|\\d{1,2}\\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{4}"
                    + "|\\d{4}-\\d{2}-\\d{2})\\b.{0,30}$");
    private static final Pattern TITLE_SITE_SUFFIX = Pattern.compile("\\s+[-|–—]\\s+[^-|–—]{2,40}$");
    /** A byline ("By Jane Doe and Sam Lee, Reuters") heads many articles; it names the writer, not the story. */
    private static final Pattern BYLINE = Pattern.compile("^(?i:by|words by|reporting by)\\s+\\p{Lu}.{0,80}$");

    /**
     * Longest headline, in words. The headlines of the demo files have 9 to 12 words and the first lines of the
     * evaluation articles 7 to 15; 20 leaves room for long wire headlines while a lead paragraph (mostly 25 words and
     * more, and ending with a full stop) stays out.
     */
    private static final int TITLE_MAX_WORDS = 20;
    private static final int HEADER_LINES = 6;

    private TextCleaner() {
    }

    public static CleanedText clean(String raw, Format format) {
        String readable = withoutControlCharacters(raw);
        String text = switch (format) {
            case HTML -> htmlToText(readable);
            case MARKDOWN -> markdownToText(readable);
            case TEXT -> readable;
        };
        return cleanText(text);
    }

    /**
     * Drops control characters other than tab and line breaks, and halves of surrogate pairs that have lost their
     * other half. They carry no meaning in an article or a question, PostgreSQL refuses NUL in text, and an unpaired
     * surrogate cannot be encoded as UTF-8; dropping them serves the rest of the input rather than refusing it. Null
     * stays null.
     */
    public static String withoutControlCharacters(String text) {
        if (text == null || text.chars().noneMatch(c -> isControl(c) || Character.isSurrogate((char) c))) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (!isControl(c) && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    /** Guesses the format of an upload from its file name, falling back to sniffing for HTML tags. */
    public static Format formatOf(String fileName, String content) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return Format.HTML;
        }
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return Format.MARKDOWN;
        }
        return looksLikeHtml(content) ? Format.HTML : Format.TEXT;
    }

    public static boolean looksLikeHtml(String content) {
        return Pattern.compile("(?is)<(html|body|p|div|article)[\\s>]").matcher(content).find();
    }

    private static CleanedText cleanText(String text) {
        String outlet = null;
        LocalDate date = null;
        List<String> paragraphs = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int contentLines = 0;
        for (String rawLine : lines) {
            String line = withoutOuterFurniture(normalizeSpace(rawLine));
            if (line.isEmpty() || TABLE_RULE.matcher(line).matches()) {
                continue;
            }
            Matcher outletMatch = OUTLET_LINE.matcher(line);
            if (outletMatch.matches()) {
                outlet = outlet == null ? outletMatch.group(1).trim() : outlet;
                continue;
            }
            Matcher signoff = OUTLET_SIGNOFF.matcher(line);
            if (signoff.matches()) {
                outlet = outlet == null ? signoff.group(1).trim().replaceFirst("^([^.]+)\\.$", "$1") : outlet;
                continue;
            }
            if (contentLines < HEADER_LINES && date == null) {
                Matcher dateMatch = DATE_LINE.matcher(line);
                if (dateMatch.matches()) {
                    date = parseDate(dateMatch.group(1));
                    if (date != null) {
                        continue;
                    }
                }
            }
            if (isFurniture(line)) {
                continue;
            }
            paragraphs.add(line);
            contentLines++;
        }
        paragraphs = dropRepeatedHeadline(paragraphs);
        String title = paragraphs.isEmpty() ? null : headline(paragraphs.get(0));
        return new CleanedText(String.join("\n\n", paragraphs), title, outlet, date);
    }

    /** A lone shouted word such as a site logo ("PRESSAI") is furniture; acronyms inside sentences are not. */
    private static boolean isBrandToken(String line) {
        return !line.contains(" ") && line.length() > 3 && line.equals(line.toUpperCase(Locale.ROOT))
                && line.chars().allMatch(Character::isLetter);
    }

    /**
     * A line of scraped logos: every word a name glued to its own alt text, the second copy starting with a capital
     * ("newsweekNEWSWEEK", "bbcBBC", "ReutersReuters"). A doubled ordinary word ("couscous") keeps its case.
     */
    static boolean isLogoStrip(String line) {
        String[] words = line.split(" ");
        for (String word : words) {
            int half = word.length() / 2;
            boolean doubled = word.length() >= 4 && word.length() % 2 == 0 && word.chars().allMatch(Character::isLetter)
                    && word.substring(0, half).equalsIgnoreCase(word.substring(half))
                    && Character.isUpperCase(word.charAt(half));
            if (!doubled) {
                return false;
            }
        }
        return true;
    }

    /** News pages often repeat the headline below the site banner; keep the first occurrence only. */
    private static List<String> dropRepeatedHeadline(List<String> paragraphs) {
        if (paragraphs.isEmpty()) {
            return paragraphs;
        }
        String first = stripSiteSuffix(paragraphs.get(0));
        List<String> kept = new ArrayList<>();
        kept.add(paragraphs.get(0).equals(first) || headline(paragraphs.get(0)) == null ? paragraphs.get(0) : first);
        for (int i = 1; i < paragraphs.size(); i++) {
            if (!(i < HEADER_LINES + 4 && paragraphs.get(i).equals(first))) {
                kept.add(paragraphs.get(i));
            }
        }
        return kept;
    }

    /**
     * The first paragraph as a title when it reads like a headline: a short line that starts with a capital or a digit
     * and does not end like a sentence, a lead-in or a quote; not a byline and not a table row. Otherwise null: a
     * title is never made up.
     */
    static String headline(String firstParagraph) {
        String candidate = stripSiteSuffix(firstParagraph);
        if (candidate.isBlank()) {
            return null;
        }
        int words = candidate.split("\\s+").length;
        char first = candidate.charAt(0);
        char last = candidate.charAt(candidate.length() - 1);
        boolean startsLikeHeadline = Character.isUpperCase(first) || Character.isDigit(first) || "\"“'‘".indexOf(first) >= 0;
        boolean endsLikeSentence = ".!:;,\"”'’".indexOf(last) >= 0;
        return words >= 2 && words <= TITLE_MAX_WORDS && startsLikeHeadline && !endsLikeSentence
                && !candidate.contains("|") && !BYLINE.matcher(candidate).matches() ? candidate : null;
    }

    private static String stripSiteSuffix(String line) {
        return TITLE_SITE_SUFFIX.matcher(line).replaceFirst("");
    }

    /**
     * Drops what frames a line without being part of it: a bullet, widget tokens at either end, the outer pipes of a
     * table row. What is kept is a contiguous piece of the line, never rewritten, so that every quote taken from the
     * stored text can be found in the article as it was sent (a table row keeps its inner cell separators).
     */
    static String withoutOuterFurniture(String line) {
        String kept = BULLET.matcher(line).replaceFirst("");
        kept = LEADING_WIDGETS.matcher(kept).replaceFirst("");
        kept = TRAILING_WIDGETS.matcher(kept).replaceFirst("");
        if (kept.startsWith("|") || kept.endsWith("|")) {
            kept = OUTER_PIPES.matcher(kept).replaceAll("");
        }
        return kept.strip();
    }

    /**
     * A line that is page furniture: nothing but widget tokens, counters, punctuation or numbers, a known boilerplate
     * phrase, a logo, or a short line that carried a counter ("Friday, February 07 2 hours ago").
     */
    private static boolean isFurniture(String line) {
        String withoutWidgets = normalizeSpace(WIDGET_TOKEN.matcher(line).replaceAll(" "));
        String withoutCounters = normalizeSpace(PAGE_COUNTER.matcher(withoutWidgets).replaceAll(" "));
        return withoutCounters.isEmpty() || ONLY_PUNCTUATION_OR_NUMBER.matcher(withoutCounters).matches()
                || BOILERPLATE_LINE.matcher(withoutCounters).matches() || isBrandToken(withoutCounters)
                || isLogoStrip(withoutCounters)
                || !withoutCounters.equals(line) && withoutCounters.split(" ").length <= SHORT_LINE_WORDS;
    }

    private static LocalDate parseDate(String text) {
        String value = text.replace(",", "").replaceAll("\\s+", " ").trim();
        for (String pattern : List.of("yyyy-MM-dd", "MMMM d yyyy", "d MMMM yyyy")) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)
                        .withResolverStyle(java.time.format.ResolverStyle.SMART));
            } catch (DateTimeParseException ignored) {
                // try the next layout
            }
        }
        String capitalized = value.isEmpty() ? value
                : Character.toUpperCase(value.charAt(0)) + value.substring(1).toLowerCase(Locale.ROOT);
        try {
            return LocalDate.parse(capitalized, DateTimeFormatter.ofPattern("MMMM d yyyy", Locale.ENGLISH));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String normalizeSpace(String line) {
        return line.replace('\u00a0', ' ').replaceAll("[ \\t\\u2009\\u200b]+", " ").trim();
    }

    private static String markdownToText(String markdown) {
        return markdown
                .replaceAll("!\\[[^\\]]*]\\([^)]*\\)", " ")
                .replaceAll("\\[([^\\]]+)]\\([^)]*\\)", "$1")
                .replaceAll("(?m)^\\s{0,3}#{1,6}\\s*", "")
                .replaceAll("(?m)^\\s{0,3}>\\s?", "")
                .replaceAll("(\\*\\*|__)(.+?)\\1", "$2")
                .replaceAll("(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![\\w*])", "$1")
                .replaceAll("`([^`]*)`", "$1");
    }

    private static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, noscript, nav, footer, aside, form, iframe, svg, button, figure img, img,"
                + " [class*=share], [class*=comment], [class*=related], [class*=newsletter], [class*=advert], [id*=comment]")
                .remove();
        String title = document.title();
        Element root = document.selectFirst("article");
        if (root == null) {
            root = document.body();
        }
        StringBuilder text = new StringBuilder();
        Element h1 = root.selectFirst("h1");
        if (h1 == null && !title.isBlank()) {
            text.append(title).append("\n\n");
        }
        appendBlocks(root, text);
        return text.toString();
    }

    private static void appendBlocks(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode textNode) {
                out.append(textNode.text());
            } else if (child instanceof Element element) {
                boolean cell = element.normalName().equals("td") || element.normalName().equals("th");
                boolean block = element.isBlock() && !cell || element.normalName().equals("br");
                if (block) {
                    out.append('\n');
                }
                if (element.normalName().equals("li")) {
                    out.append("• ");
                }
                if (cell) {
                    out.append(" | ");
                }
                appendBlocks(element, out);
                if (block) {
                    out.append('\n');
                }
            }
        }
    }
}
