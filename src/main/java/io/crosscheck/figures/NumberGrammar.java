package io.crosscheck.figures;

import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import io.crosscheck.figures.Quantity.Kind;

/**
 * Finds the numeric mentions of English news text and reads their bounds: digits with separators and scales
 * ("11,000", "1.2 million", "$3bn", "4k"), spelled-out numbers (parsed by ICU's spell-out rules), vague quantities
 * ("hundreds", "dozens"), shares ("half", "a third", "40 per cent"), ranges ("10,000 to 12,000", "between X and Y")
 * and the qualifiers that turn a number into a bound ("at least", "up to", "about").
 * <p>
 * Dates, years, times of day, ages, phone numbers, page counters and numbers that are part of a name ("Route 9",
 * "COVID-19") are not quantities and are left out.
 */
public final class NumberGrammar {

    private static final String NUMBER_WORD = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
            + "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
            + "|hundred|thousand|million|billion|trillion";
    private static final String SCALE_WORD = "thousand|million|billion|trillion|bn|mn|m|k|b|tn";
    private static final String CURRENCY_SYMBOL = "US\\$|A\\$|C\\$|\\$|€|£|¥|₹";
    private static final String VAGUE = "tens of thousands|hundreds of thousands|tens of millions|hundreds of millions"
            + "|hundreds|thousands|millions|billions|dozens|scores|a dozen|a few|several|a couple(?: of)?|a handful(?: of)?";
    private static final String FRACTION = "(?:a|one|two|three|four)[\\s-](?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)"
            + "|half";

    private static final Pattern CORE = Pattern.compile("(?i)"
            + "(?<currency>" + CURRENCY_SYMBOL + ")?\\s?"
            + "(?:(?<digits>(?<![\\p{L}\\d.,/:-])(?<!\\p{L}-)\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d,]\\d)|(?<![\\p{L}\\d.,/:-])(?<!\\p{L}-)\\d+(?:\\.\\d+)?(?![\\d]|[.,]\\d))"
            + "(?:\\s?(?<scale>" + SCALE_WORD + ")(?![\\p{L}]))?"
            + "|(?<vague>\\b(?:" + VAGUE + ")\\b)"
            + "|(?<fraction>\\b(?:" + FRACTION + ")\\b)"
            + "|(?<words>\\b(?:a\\s+(?=hundred|thousand|million|billion|dozen))?(?:" + NUMBER_WORD + ")(?:(?:\\s+|-|\\s+and\\s+)(?:" + NUMBER_WORD + "))*\\b))");

    private static final Pattern PERCENT_SUFFIX = Pattern.compile("(?i)^\\s?(%|per\\s?cent\\b|percent\\b|percentage points?\\b)");
    private static final Pattern CURRENCY_WORD_SUFFIX = Pattern.compile(
            "(?i)^\\s?(?:" + "(?<scale>thousand|million|billion|trillion)\\s)?(?<code>euros?|dollars?|pounds?(?! of)|yen|yuan|rupees?|francs?|USD|EUR|GBP|CHF|JPY)\\b");
    private static final Pattern DURATION_SUFFIX = Pattern.compile(
            "(?i)^(?:\\s|-)(?<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\\b");
    private static final Pattern MEASUREMENT_SUFFIX = Pattern.compile(
            "(?i)^(?:\\s|-)(?<unit>(?:square|cubic)\\s+(?:metres?|meters?|kilometres?|kilometers?|miles?|feet)|millimetres?|millimeters?"
                    + "|centimetres?|centimeters?|metres?|meters?|kilometres?|kilometers?|miles?|feet|foot|inches|inch"
                    + "|kilograms?|grams?|tonnes?|tons?|pounds(?= of)|litres?|liters?|gallons?|hectares?|acres?|degrees?|km|kg|mm|cm|mph|km/h"
                    + "|megawatts?|gigawatts?|kilowatts?|mw|gw|kwh|barrels?)\\b");

    private static final Map<String, Double> VAGUE_LOW = Map.ofEntries(
            Map.entry("tens of thousands", 20_000d), Map.entry("hundreds of thousands", 200_000d),
            Map.entry("tens of millions", 20_000_000d), Map.entry("hundreds of millions", 200_000_000d),
            Map.entry("hundreds", 200d), Map.entry("thousands", 2_000d), Map.entry("millions", 2_000_000d),
            Map.entry("billions", 2_000_000_000d), Map.entry("dozens", 24d), Map.entry("scores", 40d),
            Map.entry("several", 3d), Map.entry("a few", 2d), Map.entry("a handful", 3d), Map.entry("a handful of", 3d));
    private static final Map<String, Double> FRACTION_PERCENT = Map.ofEntries(
            Map.entry("half", 50d), Map.entry("third", 100d / 3), Map.entry("thirds", 100d / 3),
            Map.entry("quarter", 25d), Map.entry("quarters", 25d), Map.entry("fifth", 20d), Map.entry("fifths", 20d),
            Map.entry("tenth", 10d), Map.entry("tenths", 10d));

    private enum Bound {
        LOWER, UPPER, NEAR_UPPER, APPROXIMATE, EXACT
    }

    private record Qualifier(String phrase, Bound bound, String name) {
    }

    /** Longest phrases first so that "no more than" wins over "more than". */
    private static final List<Qualifier> QUALIFIERS = List.of(
            new Qualifier("in the region of", Bound.APPROXIMATE, "approximately"),
            new Qualifier("no fewer than", Bound.LOWER, "at least"),
            new Qualifier("no less than", Bound.LOWER, "at least"),
            new Qualifier("no more than", Bound.UPPER, "no more than"),
            new Qualifier("in excess of", Bound.LOWER, "more than"),
            new Qualifier("a minimum of", Bound.LOWER, "at least"),
            new Qualifier("a maximum of", Bound.UPPER, "up to"),
            new Qualifier("upwards of", Bound.LOWER, "more than"),
            new Qualifier("as high as", Bound.UPPER, "as high as"),
            new Qualifier("as many as", Bound.UPPER, "as many as"),
            new Qualifier("as much as", Bound.UPPER, "as much as"),
            new Qualifier("as few as", Bound.LOWER, "as few as"),
            new Qualifier("an estimated", Bound.APPROXIMATE, "an estimated"),
            new Qualifier("approximately", Bound.APPROXIMATE, "approximately"),
            new Qualifier("more than", Bound.LOWER, "more than"),
            new Qualifier("greater than", Bound.LOWER, "more than"),
            new Qualifier("fewer than", Bound.UPPER, "fewer than"),
            new Qualifier("less than", Bound.UPPER, "less than"),
            new Qualifier("close to", Bound.NEAR_UPPER, "nearly"),
            new Qualifier("just under", Bound.NEAR_UPPER, "nearly"),
            new Qualifier("just over", Bound.LOWER, "more than"),
            new Qualifier("at least", Bound.LOWER, "at least"),
            new Qualifier("at most", Bound.UPPER, "at most"),
            new Qualifier("exceeded", Bound.LOWER, "more than"),
            new Qualifier("exceeds", Bound.LOWER, "more than"),
            new Qualifier("exceed", Bound.LOWER, "more than"),
            new Qualifier("estimated", Bound.APPROXIMATE, "an estimated"),
            new Qualifier("roughly", Bound.APPROXIMATE, "approximately"),
            new Qualifier("around", Bound.APPROXIMATE, "approximately"),
            new Qualifier("about", Bound.APPROXIMATE, "approximately"),
            new Qualifier("some", Bound.APPROXIMATE, "approximately"),
            new Qualifier("circa", Bound.APPROXIMATE, "approximately"),
            new Qualifier("approx.", Bound.APPROXIMATE, "approximately"),
            new Qualifier("nearly", Bound.NEAR_UPPER, "nearly"),
            new Qualifier("almost", Bound.NEAR_UPPER, "nearly"),
            new Qualifier("up to", Bound.UPPER, "up to"),
            new Qualifier("under", Bound.UPPER, "less than"),
            new Qualifier("below", Bound.UPPER, "less than"),
            new Qualifier("over", Bound.LOWER, "more than"),
            new Qualifier("above", Bound.LOWER, "more than"),
            new Qualifier("another", Bound.EXACT, "additional"),
            new Qualifier("a further", Bound.EXACT, "additional"),
            new Qualifier("an additional", Bound.EXACT, "additional"));

    /** "Over the past three weeks" measures a span of time; "over" is not a lower bound there. */
    private static final Pattern PAST_PERIOD = Pattern.compile("(?i)(?:over|in|for|during|within)\\s+the\\s+(?:past|last|previous|next|coming)\\s+$");
    private static final Pattern TRAILING_MORE = Pattern.compile("(?i)^\\s+more\\b");
    private static final Pattern TRAILING_OR_MORE = Pattern.compile("(?i)^\\s+or\\s+(?:more|higher|above)\\b");
    private static final Pattern RANGE_JOINER = Pattern.compile("(?i)^(?:\\s*(?:-|–|—|to)\\s*|\\s+or\\s+|\\s+and\\s+)");
    private static final Pattern BETWEEN = Pattern.compile("(?i)\\bbetween\\s+$");
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+$");
    private static final Pattern SINCE = Pattern.compile(
            "(?i)\\bsince\\s+(?:(?:early|mid|late)[\\s-])?(?:january|february|march|april|may|june|july|august|september|october|november|december"
                    + "|last\\s+(?:week|month|year|spring|summer|autumn|fall|winter)|the\\s+(?:start|beginning|end)\\s+of\\s+\\w+)\\b");

    /** Month names and abbreviations as dates write them, capitalised: "10 may have died" is a count, "10 May" a date. */
    private static final String MONTH = "(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern MONTH_BEFORE = Pattern.compile("(?i)\\b(?:" + MONTH + ")\\.?\\s*(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s*)?$");
    private static final Pattern MONTH_AFTER = Pattern.compile("(?i)^(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:" + MONTH + ")\\b");
    private static final Pattern TIME_AFTER = Pattern.compile("(?i)^\\s?(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|o'clock|gmt\\b|utc\\b|:\\d\\d)");
    private static final Pattern AGE_BEFORE = Pattern.compile("(?i)\\b(?:aged|ages|age)\\s+(?:\\d{1,3}\\s*(?:,|and|to|-|–)\\s*)*$");
    private static final Pattern AGE_AFTER = Pattern.compile("(?i)^(?:-|\\s)(?:years?|months?)(?:-|\\s)old\\b");
    private static final Pattern APPOSITIVE_AGE = Pattern.compile("\\p{Lu}[\\p{L}'’-]+,\\s$");
    private static final Pattern APPOSITIVE_AGE_END = Pattern.compile("^\\s?,");
    private static final Pattern FURNITURE_AFTER = Pattern.compile(
            "(?i)^\\s(?:views?|comments?|shares?|likes?|reads?|(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\\s+ago)\\b");
    private static final Pattern LABEL_BEFORE = Pattern.compile(
            "(?i)\\b(?:number|no\\.|route|page|pages|chapter|section|article|room|platform|gate|flight|version|level|stage|phase"
                    + "|category|grade|tier|season|episode|volume|vol\\.|pp?\\.|figure|table|item|line|bus|tram|highway|interstate|channel)\\s*#?$");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d{2,4}\\)?[\\s.-]\\d{2,4}[\\s.-]\\d{3,4}(?:[\\s.-]\\d{2,4})?");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*$");

    private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT = ThreadLocal.withInitial(
            () -> new RuleBasedNumberFormat(ULocale.ENGLISH, RuleBasedNumberFormat.SPELLOUT));
    private static final Pattern TENS_UNIT = Pattern.compile(
            "\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) (one|two|three|four|five|six|seven|eight|nine)\\b");

    private NumberGrammar() {
    }

    /** Every quantity in {@code text[from, to)}, in order, with offsets into {@code text}. */
    public static List<Quantity> find(String text, int from, int to) {
        List<Quantity> found = new ArrayList<>();
        Matcher since = SINCE.matcher(text).region(from, to);
        while (since.find()) {
            found.add(new Quantity(since.start(), since.end(), null, null, false, "since", "since",
                    Kind.TIME_REFERENCE));
        }
        Matcher core = CORE.matcher(text).region(from, to);
        core.useTransparentBounds(true);
        int position = from;
        while (position < to && core.find(position)) {
            if (core.end() > to) {
                break;
            }
            Number first = readCore(core);
            int next = core.end();
            if (first != null && !overlapsAny(found, core.start(), core.end())) {
                Quantity quantity = complete(text, from, to, core, first);
                if (quantity != null) {
                    found.add(quantity);
                    next = Math.max(next, quantity.end());
                }
            }
            position = Math.max(next, core.start() + 1);
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    /** The numeric reading of one core match, before qualifiers and ranges. */
    private record Number(double value, boolean vague, boolean fraction, boolean spelled, String currency, String scale,
            int start, int end) {
    }

    private static Number readCore(Matcher core) {
        String currency = core.group("currency");
        if (core.group("digits") != null) {
            double value = Double.parseDouble(core.group("digits").replace(",", ""));
            String scale = core.group("scale");
            if (scale != null && scale.length() <= 2 && currency == null && !isAttached(core)) {
                // "10 m" or "4 b" with a space is far more often a unit or a letter than a scale
                scale = scale.equalsIgnoreCase("bn") || scale.equalsIgnoreCase("mn") ? scale : null;
            }
            int end = scale == null && core.group("scale") != null ? core.end("digits") : core.end();
            return new Number(value * scaleFactor(scale), false, false, false, currency, scale, core.start(), end);
        }
        if (currency != null) {
            return null;
        }
        if (core.group("vague") != null) {
            String phrase = core.group("vague").toLowerCase(Locale.ROOT);
            if (phrase.startsWith("a couple")) {
                return new Number(2, false, false, true, null, null, core.start(), core.end());
            }
            if (phrase.equals("a dozen")) {
                return new Number(12, false, false, true, null, null, core.start(), core.end());
            }
            return new Number(VAGUE_LOW.get(phrase), true, false, true, null, null, core.start(), core.end());
        }
        if (core.group("fraction") != null) {
            String phrase = core.group("fraction").toLowerCase(Locale.ROOT);
            String[] parts = phrase.split("[\\s-]");
            double numerator = parts.length == 1 || parts[0].equals("a") ? 1 : parseSpelled(parts[0]);
            double share = FRACTION_PERCENT.get(parts[parts.length - 1]) * numerator;
            return new Number(share, false, true, true, null, null, core.start(), core.end());
        }
        String words = core.group("words");
        Double value = parseSpelled(words);
        return value == null ? null : new Number(value, false, false, true, null, null, core.start(), core.end());
    }

    private static boolean isAttached(Matcher core) {
        return core.end("digits") == core.start("scale");
    }

    private static double scaleFactor(String scale) {
        if (scale == null) {
            return 1;
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "thousand", "k" -> 1e3;
            case "million", "m", "mn" -> 1e6;
            case "billion", "bn", "b" -> 1e9;
            case "trillion", "tn" -> 1e12;
            default -> 1;
        };
    }

    /** Spelled-out numbers are parsed by ICU's English spell-out rules, after normalising hyphens and "a hundred". */
    static Double parseSpelled(String words) {
        String normalized = words.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ").trim()
                .replaceFirst("^a ", "one ");
        normalized = TENS_UNIT.matcher(normalized).replaceAll("$1-$2");
        ParsePosition position = new ParsePosition(0);
        java.lang.Number parsed = SPELLOUT.get().parse(normalized, position);
        if (parsed == null || position.getIndex() != normalized.length()) {
            return null;
        }
        return parsed.doubleValue();
    }

    private static Quantity complete(String text, int from, int to, Matcher core, Number first) {
        int start = first.start();
        while (start < first.end() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        String before = text.substring(from, start);
        String after = text.substring(first.end(), to);
        if (isNotAQuantity(text, from, to, first, before, after)) {
            return null;
        }
        double low = first.value();
        Double high = first.vague() ? null : first.value();
        int end = first.end();
        String qualifier = null;
        boolean approximate = first.vague();
        Kind kind = first.fraction() ? Kind.PERCENT : Kind.COUNT;
        String unit = first.fraction() ? "percent" : null;
        String currency = first.currency() == null ? null : currencyCode(first.currency());

        boolean fromX = FROM.matcher(before).find();
        Number second = fromX ? null : rangeEnd(text, to, first);
        if (second != null) {
            double lowValue = first.value();
            if (second.scale() != null && first.scale() == null && lowValue < second.value() / scaleFactor(second.scale()) * 10) {
                lowValue *= scaleFactor(second.scale());
            }
            if (lowValue > second.value()) {
                return null;
            }
            low = lowValue;
            high = second.value();
            end = second.end();
            qualifier = "range";
            if (second.currency() != null && currency == null) {
                currency = currencyCode(second.currency());
            }
        }
        after = text.substring(end, to);

        Matcher percent = PERCENT_SUFFIX.matcher(after);
        Matcher currencyWord = CURRENCY_WORD_SUFFIX.matcher(after);
        Matcher duration = DURATION_SUFFIX.matcher(after);
        Matcher measurement = MEASUREMENT_SUFFIX.matcher(after);
        if (!first.fraction() && percent.find()) {
            kind = Kind.PERCENT;
            unit = "percent";
            end += percent.end();
        } else if (currency != null) {
            kind = Kind.MONEY;
            unit = currency;
            if (currencyWord.find()) {
                end += currencyWord.end();
            }
        } else if (!first.fraction() && currencyWord.find()) {
            double factor = currencyWord.group("scale") == null ? 1 : scaleFactor(currencyWord.group("scale"));
            low *= factor;
            high = high == null ? null : high * factor;
            kind = Kind.MONEY;
            unit = currencyCode(currencyWord.group("code"));
            end += currencyWord.end();
        } else if (!first.fraction() && duration.find()) {
            kind = Kind.DURATION;
            unit = durationUnit(duration.group("unit"));
            end += duration.end();
        } else if (!first.fraction() && measurement.find()) {
            kind = Kind.MEASUREMENT;
            unit = measurement.group("unit").toLowerCase(Locale.ROOT);
            end += measurement.end();
        }
        if (first.fraction() && !isShareContext(before, text.substring(end, to))) {
            return null;
        }
        if (first.spelled() && !first.vague() && !first.fraction() && first.value() == 1 && second == null
                && kind == Kind.COUNT) {
            // "one of the soldiers", "one former serviceman": a pronoun or determiner, not a count
            return null;
        }
        if (kind == Kind.DURATION && FURNITURE_AFTER.matcher(text.substring(first.end(), to)).find()) {
            return null;
        }
        if (kind == Kind.COUNT && isYear(first, second, currency)) {
            return null;
        }

        String lowerBefore = before.toLowerCase(Locale.ROOT);
        Qualifier found = second != null && BETWEEN.matcher(before).find() ? null : qualifierBefore(lowerBefore);
        if (BETWEEN.matcher(before).find() && second != null) {
            start = from + before.toLowerCase(Locale.ROOT).lastIndexOf("between");
        }
        if (found != null && kind == Kind.DURATION && PAST_PERIOD.matcher(before).find()) {
            found = null;
        }
        if (found != null) {
            start = from + lowerBefore.lastIndexOf(found.phrase());
            qualifier = found.name();
            switch (found.bound()) {
                case LOWER -> high = null;
                case UPPER -> low = second == null ? Double.NaN : low;
                case NEAR_UPPER -> {
                    low = Double.NaN;
                    approximate = true;
                }
                case APPROXIMATE -> approximate = true;
                case EXACT -> {
                }
            }
        } else if (PAST_PERIOD.matcher(before).find() && kind == Kind.DURATION) {
            Matcher past = PAST_PERIOD.matcher(before);
            past.find();
            start = from + past.start();
            qualifier = "past";
        }
        String rest = text.substring(end, to);
        if (first.vague() && TRAILING_MORE.matcher(rest).find() || qualifier == null && TRAILING_MORE.matcher(rest).find()
                && kind == Kind.COUNT && !first.vague() && second == null) {
            Matcher more = TRAILING_MORE.matcher(rest);
            more.find();
            if (!first.vague()) {
                qualifier = "additional";
            }
            end += more.end();
        }
        Matcher orMore = TRAILING_OR_MORE.matcher(text.substring(end, to));
        if (orMore.find()) {
            high = null;
            qualifier = "at least";
            end += orMore.end();
        }
        Double lowBound = Double.isNaN(low) ? null : low;
        return new Quantity(start, end, lowBound, high, approximate, qualifier, unit, kind);
    }

    private static Number rangeEnd(String text, int to, Number first) {
        if (first.vague() || first.fraction()) {
            return null;
        }
        Matcher joiner = RANGE_JOINER.matcher(text.substring(first.end(), to));
        if (!joiner.find()) {
            return null;
        }
        String join = joiner.group().trim().toLowerCase(Locale.ROOT);
        Matcher core = CORE.matcher(text).region(first.end() + joiner.end(), to);
        if (!core.lookingAt()) {
            return null;
        }
        Number second = readCore(core);
        if (second == null || second.vague() || second.fraction() || second.spelled() != first.spelled()) {
            return null;
        }
        if (join.equals("and") && !BETWEEN.matcher(text.substring(0, first.start()).stripTrailing() + " ").find()) {
            return null;
        }
        if (join.equals("or") && second.value() <= first.value()) {
            return null;
        }
        if (join.equals("-") || join.equals("–")) {
            String after = text.substring(second.end(), to);
            if (DURATION_SUFFIX.matcher(after).find() && after.startsWith("-")) {
                return second;
            }
        }
        return second;
    }

    private static boolean isShareContext(String before, String after) {
        String lowerAfter = after.toLowerCase(Locale.ROOT);
        String lowerBefore = before.toLowerCase(Locale.ROOT);
        return lowerAfter.matches("^\\s+(of|the)\\b[\\s\\S]*") || lowerBefore.matches("[\\s\\S]*\\bby\\s+$")
                || qualifierBefore(lowerBefore) != null && !lowerAfter.matches("^\\s+(an?|as)\\b[\\s\\S]*");
    }

    private static Qualifier qualifierBefore(String lowerBefore) {
        String trimmed = lowerBefore.stripTrailing();
        if (trimmed.length() == lowerBefore.length() && !lowerBefore.isEmpty()) {
            // the number is glued to the preceding word
            return null;
        }
        for (Qualifier qualifier : QUALIFIERS) {
            if (trimmed.endsWith(qualifier.phrase())) {
                int at = trimmed.length() - qualifier.phrase().length();
                if (at == 0 || !Character.isLetter(trimmed.charAt(at - 1))) {
                    return qualifier;
                }
            }
        }
        return null;
    }

    private static boolean isNotAQuantity(String text, int from, int to, Number first, String before, String after) {
        if (first.fraction() || first.vague()) {
            return false;
        }
        if (MONTH_BEFORE.matcher(before).find() && first.value() <= 31 && !first.spelled()
                || MONTH_AFTER.matcher(after).find() && !first.spelled()) {
            return true;
        }
        if (TIME_AFTER.matcher(after).find() || AGE_AFTER.matcher(after).find() || AGE_BEFORE.matcher(before).find()) {
            return true;
        }
        if (!first.spelled() && APPOSITIVE_AGE.matcher(before).find() && APPOSITIVE_AGE_END.matcher(after).find()
                && first.value() < 120) {
            return true;
        }
        if (FURNITURE_AFTER.matcher(after).find()) {
            return true;
        }
        if (!first.spelled() && first.currency() == null && (LABEL_BEFORE.matcher(before).find() || isInsideName(before))) {
            return true;
        }
        if (!first.spelled() && isPhoneNumber(text, from, to, first)) {
            return true;
        }
        return !first.spelled() && LIST_MARKER.matcher(before).matches() && after.matches("^[.)]\\s[\\s\\S]*");
    }

    /** "Apollo 11", "Boeing 737", "World Cup 2022": a bare number right after a capitalised word inside a sentence. */
    private static boolean isInsideName(String before) {
        Matcher word = Pattern.compile("(\\p{L}[\\p{L}'’]*)\\s$").matcher(before);
        if (!word.find()) {
            return false;
        }
        String previous = word.group(1);
        if (!Character.isUpperCase(previous.charAt(0)) || previous.length() < 2) {
            return false;
        }
        String lower = previous.toLowerCase(Locale.ROOT);
        if (MONTH_BEFORE.matcher(lower + " ").find() || qualifierBefore(lower + " ") != null) {
            return false;
        }
        String head = before.substring(0, word.start()).stripTrailing();
        boolean sentenceInitial = head.isEmpty() || head.endsWith(".") || head.endsWith("\"") || head.endsWith("“")
                || head.endsWith(":");
        return !sentenceInitial;
    }

    private static boolean isPhoneNumber(String text, int from, int to, Number first) {
        int windowStart = Math.max(from, first.start() - 20);
        int windowEnd = Math.min(to, first.end() + 20);
        Matcher phone = PHONE.matcher(text.substring(windowStart, windowEnd));
        while (phone.find()) {
            int start = windowStart + phone.start();
            int end = windowStart + phone.end();
            if (start <= first.start() + 1 && end >= first.end() && !phone.group().contains(",")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYear(Number first, Number second, String currency) {
        if (currency != null || first.spelled() || first.scale() != null) {
            return false;
        }
        boolean looksLikeYear = first.value() >= 1800 && first.value() <= 2100 && first.value() == Math.rint(first.value())
                && first.end() - first.start() <= 5;
        return looksLikeYear && (second == null || second.value() >= 1800 && second.value() <= 2100);
    }

    private static String currencyCode(String currency) {
        String lower = currency.toLowerCase(Locale.ROOT);
        if (lower.contains("a$")) {
            return "AUD";
        }
        if (lower.contains("c$")) {
            return "CAD";
        }
        if (lower.contains("$") || lower.startsWith("dollar") || lower.equals("usd")) {
            return "USD";
        }
        if (lower.equals("€") || lower.startsWith("euro") || lower.equals("eur")) {
            return "EUR";
        }
        if (lower.equals("£") || lower.startsWith("pound") || lower.equals("gbp")) {
            return "GBP";
        }
        if (lower.equals("¥") || lower.equals("yen") || lower.equals("jpy")) {
            return "JPY";
        }
        if (lower.equals("₹") || lower.startsWith("rupee")) {
            return "INR";
        }
        if (lower.startsWith("franc") || lower.equals("chf")) {
            return "CHF";
        }
        return lower.equals("yuan") ? "CNY" : currency.toUpperCase(Locale.ROOT);
    }

    private static String durationUnit(String unit) {
        String lower = unit.toLowerCase(Locale.ROOT);
        if (lower.equals("centuries")) {
            return "centuries";
        }
        return lower.endsWith("s") ? lower : lower + "s";
    }

    static boolean isMeasurementUnit(String unit) {
        return MEASUREMENT_SUFFIX.matcher(" " + unit).lookingAt();
    }

    private static boolean overlapsAny(List<Quantity> found, int start, int end) {
        return found.stream().anyMatch(q -> q.start() < end && start < q.end());
    }
}
