package corp.example.ocsp.http.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the parsed values of the configuration
 * with environment variables, so secrets stay out of the file. It works on values after YAML
 * parsing: comments are left alone, and a secret holding {@code #}, {@code :} or quotes is taken
 * as it is. {@code $${...}} is a literal {@code ${...}}. An unset variable without a default is an
 * error naming the variable and the setting.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvSubstitution() {}

    /** Substitutes in every string value of {@code root}, in place. */
    static void apply(JsonNode root, Map<String, String> env, String file) throws ConfigException {
        walk(root, "", env, file);
    }

    private static void walk(JsonNode node, String path, Map<String, String> env, String file) throws ConfigException {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.set(name, new TextNode(substitute(value.asText(), env, file, child)));
                } else {
                    walk(value, child, env, file);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = path + "[" + i + "]";
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, new TextNode(substitute(value.asText(), env, file, child)));
                } else {
                    walk(value, child, env, file);
                }
            }
        }
    }

    static String substitute(String text, Map<String, String> env, String file, String setting) throws ConfigException {
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
                    throw new ConfigException(file + ": " + setting + ": environment variable " + m.group(1)
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
