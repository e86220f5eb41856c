package corp.example.ocsp.http.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} with environment variables, so secrets stay
 * out of the file. {@code $${...}} is a literal {@code ${...}}. An unset variable without a
 * default is an error naming it and its line.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env, String file) throws ConfigException {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else {
                String value = env.get(m.group(1));
                if (value == null) {
                    value = m.group(2);
                }
                if (value == null) {
                    int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    throw new ConfigException(file + " line " + line + ": environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} for a default)");
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
