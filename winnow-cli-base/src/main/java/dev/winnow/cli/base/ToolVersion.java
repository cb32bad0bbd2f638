package dev.winnow.cli.base;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of Winnow from the build ({@code version.properties}, filled in by Maven): what {@code --version}
 * prints and what every provenance file ({@code keep.json}, a study's results) records, the same for
 * {@code winnow} and {@code winnow spark}.
 */
public final class ToolVersion implements CommandLine.IVersionProvider {
    /** The project version, or {@code dev} when the classes did not come from a Maven build. */
    public static String get() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"winnow " + get()};
    }
}
