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

    /** Whole lines that are page furniture on news sites, whatever the article is about. */
    private static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "(?i)^(leave a (reply|comment)|your email address will not be published.*|required fields are marked.*"
                    + "|share (this|the) (article|story|post)\\s*:?|share( on)?( (facebook|twitter|x|linkedin|whatsapp|email))*\\s*:?"
                    + "|recent posts|related (posts|articles|stories)|read more\\s*:?|advertisement|sponsored( content)?"
                    + "|click here.*|follow us.*|sign up for .*newsletter.*|subscribe( now)?( to .*)?|all rights reserved.*"
                    + "|comments?|post comment|cancel reply|save my name, email.*|tags?\\s*:.*|news sources\\s*:?"
                    + "|you may also like|most (read|popular)|trending( now)?|skip to (main )?content|menu|search"
                    + "|world news|latest news|breaking news)$");

    /** CSS-class-like tokens left behind by scraped widgets: "side-post-image", "share-icon", "nav-post-picture". */
    private static final Pattern WIDGET_TOKEN = Pattern.compile(
            "\\b[a-z]+(?:-[a-z]+)*-(?:icon|image|img|picture|thumbnail|thumb|avatar|logo|banner)(?![a-z-])");

    /** Scraped logos render as alt text glued to the name: "newsweekNEWSWEEK theguardianTHEGUARDIAN". */
    private static final Pattern LOGO_PAIR = Pattern.compile("\\b([a-z]{2,})([A-Z]{2,})\\b");

    /** Counters and relative times that describe the page, not the story: "2 views", "2 hours ago". */
    private static final Pattern PAGE_COUNTER = Pattern.compile(
            "(?i)\\b\\d+\\s+(?:views?|comments?|shares?|likes?|reads?)\\b|\\b\\d+\\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\\s+ago\\b"
                    + "|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\\s+[a-z]+\\s+\\d{1,2}\\b(?!,?\\s*\\d{4})");

    private static final Pattern TABLE_RULE = Pattern.compile("^[\\s|:\\-—–=+]+$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[•·*▪◦‣]|-(?=\\s)|\\d{1,2}[.)](?=\\s))\\s*");
    private static final Pattern ONLY_PUNCTUATION_OR_NUMBER = Pattern.compile("^[\\p{Punct}\\s\\d•·–—]*$");

    private static final Pattern OUTLET_LINE = Pattern.compile(
            "(?i)^(?:original source|source|credited from|originally published (?:by|in|on|at)|via|courtesy of)\\s*:?\\s*(.{2,80}?)\\.?$");
    private static final Pattern OUTLET_SIGNOFF = Pattern.compile(
            "(?i)^stay tuned to ([A-Z0-9][\\w .&'-]{1,60}?) for\\b.*$");
    private static final Pattern OUTLET_SIGNOFF_CASED = Pattern.compile("^(?:Stay tuned to|stay tuned to) ((?:[A-Z0-9][\\w&'.-]*\\s?){1,6}) for\\b");
    private static final Pattern DATE_LINE = Pattern.compile(
            "(?i)^(?:published|posted|updated|date)?\\s*(?:on)?\\s*:?\\s*"
                    + "(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\\s+)?"
                    + "((?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{1,2},?\\s+\\d{4}"
                    + "|\\d{1,2}\\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{4}"
                    + "|\\d{4}-\\d{2}-\\d{2})\\b.{0,30}$");
    private static final Pattern TITLE_SITE_SUFFIX = Pattern.compile("\\s+[-|–—]\\s+[^-|–—]{2,40}$");

    private static final int TITLE_MAX_WORDS = 24;
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
            String line = normalizeSpace(WIDGET_TOKEN.matcher(rawLine).replaceAll(" "));
            line = BULLET.matcher(line).replaceFirst("");
            if (line.isEmpty() || TABLE_RULE.matcher(line).matches()) {
                continue;
            }
            Matcher outletMatch = OUTLET_LINE.matcher(line);
            if (outletMatch.matches()) {
                outlet = outlet == null ? outletMatch.group(1).trim() : outlet;
                continue;
            }
            Matcher signoff = OUTLET_SIGNOFF_CASED.matcher(line);
            if (OUTLET_SIGNOFF.matcher(line).matches() && signoff.find()) {
                outlet = outlet == null ? signoff.group(1).trim() : outlet;
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
            String withoutCounters = normalizeSpace(PAGE_COUNTER.matcher(line).replaceAll(" "));
            if (withoutCounters.isEmpty() || ONLY_PUNCTUATION_OR_NUMBER.matcher(withoutCounters).matches()
                    || BOILERPLATE_LINE.matcher(withoutCounters).matches() || isBrandToken(withoutCounters)
                    || isLogoStrip(withoutCounters)) {
                continue;
            }
            if (!withoutCounters.equals(line) && withoutCounters.split(" ").length <= 3) {
                continue;
            }
            paragraphs.add(tableRowToSentence(line));
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

    private static boolean isLogoStrip(String line) {
        Matcher logos = LOGO_PAIR.matcher(line);
        int found = 0;
        while (logos.find()) {
            if (!logos.group(1).equalsIgnoreCase(logos.group(2))) {
                return false;
            }
            found++;
        }
        return found > 0 && normalizeSpace(LOGO_PAIR.matcher(line).replaceAll(" ")).isEmpty();
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

    private static String headline(String firstParagraph) {
        String candidate = stripSiteSuffix(firstParagraph);
        int words = candidate.split("\\s+").length;
        boolean endsLikeSentence = candidate.endsWith(".") || candidate.endsWith("!") || candidate.endsWith("\"");
        return words >= 2 && words <= TITLE_MAX_WORDS && !endsLikeSentence ? candidate : null;
    }

    private static String stripSiteSuffix(String line) {
        return TITLE_SITE_SUFFIX.matcher(line).replaceFirst("");
    }

    private static String tableRowToSentence(String line) {
        if (!line.contains("|")) {
            return line;
        }
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("\\|")) {
            if (!cell.isBlank()) {
                cells.add(cell.trim());
            }
        }
        if (cells.isEmpty()) {
            return line;
        }
        String joined = String.join(": ", cells);
        return joined.endsWith(".") ? joined : joined + ".";
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
                boolean block = element.isBlock() || element.normalName().equals("br");
                if (block) {
                    out.append('\n');
                }
                if (element.normalName().equals("li")) {
                    out.append("• ");
                }
                if (element.normalName().equals("td") || element.normalName().equals("th")) {
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
