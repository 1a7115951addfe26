package io.crosscheck.figures;

import java.util.Set;

/** The event classes (killed, wounded, deployed, arrested …) a text names, for components outside figure extraction. */
public final class EventClasses {

    private EventClasses() {
    }

    public static Set<String> in(String text) {
        return EventLexicon.classesIn(text);
    }

    /** The combined class of several classes named together ("killed or wounded"), or the one class named. */
    public static String combine(Set<String> classes) {
        return EventLexicon.combine(classes);
    }
}
