package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Option-tag lists of {@code Supported}, {@code Require}, {@code Proxy-Require} and
 * {@code Unsupported} (RFC 3261 §19.2, §20.32, §20.37). Tags are tokens; they are kept as sent
 * and compared case-insensitively ({@link #contains(Collection, String)}), as RFC 3261 §7.3.1 makes
 * tokens case-insensitive unless a field says otherwise.
 */
public final class OptionTags {
    private OptionTags() {
    }

    /**
     * @param values header values as returned by {@code headers("Require")} (already comma-split)
     * @return the tags in order, duplicates removed
     * @throws SipSyntaxException if a tag is not a token
     */
    public static List<String> parse(Collection<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            for (String part : HeaderFields.split(v)) {
                if (!HeaderNames.isToken(part)) {
                    throw new SipSyntaxException("option tag: not a token");
                }
                if (!contains(out, part)) {
                    out.add(part);
                }
            }
        }
        return List.copyOf(out);
    }

    /** @return the tags lower case, for case-insensitive comparison */
    public static List<String> normalized(Collection<String> tags) {
        List<String> out = new ArrayList<>(tags.size());
        for (String t : tags) {
            out.add(t.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** @return whether {@code tags} holds {@code tag}, ignoring case */
    public static boolean contains(Collection<String> tags, String tag) {
        for (String t : tags) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** @return the wire form, e.g. {@code timer, replaces} */
    public static String format(Collection<String> tags) {
        for (String t : tags) {
            if (!HeaderNames.isToken(t)) {
                throw new IllegalArgumentException("option tag is not a token");
            }
        }
        return String.join(", ", tags);
    }
}
