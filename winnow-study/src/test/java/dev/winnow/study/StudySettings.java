package dev.winnow.study;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Study settings as a test writes them: key, value pairs in one call, keyed like a spec file
 * ({@code "proxy-epochs", 2}), so that a test shows only the settings it cares about and the map is built in
 * one place. Shared with the command line's tests through the test jar.
 */
public final class StudySettings {
    private StudySettings() {
    }

    /** The settings {@code key, value, key, value, …} as a map, in the order given. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come as key, value pairs; got " + keysAndValues.length + " items");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** The spec of those settings over the defaults ({@link StudySpec#fromSettings}). */
    public static StudySpec spec(Object... keysAndValues) {
        return StudySpec.fromSettings(of(keysAndValues));
    }
}
