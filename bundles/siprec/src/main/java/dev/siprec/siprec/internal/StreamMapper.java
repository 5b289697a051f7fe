package dev.siprec.siprec.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.siprec.siprec.internal.metadata.Metadata;

/**
 * Ties SDP streams to metadata streams (RFC 7866 §7.1.1, RFC 7865 §6.7): an m-line's
 * {@code a=label} names the metadata {@code <stream>} with that {@code <label>}. Streams left over
 * on both sides (labels missing, or not matching the metadata) are paired in m-line order and
 * metadata order, and the result says so, for the summary.
 */
final class StreamMapper {

    private StreamMapper() {
    }

    /**
     * Sets {@link StreamBinding#streamId} of the open {@code streams}.
     *
     * @param metadata the merged metadata, or {@code null} when there is none
     * @return a note for the summary when the mapping was not by label alone, else {@code null}
     */
    static String map(List<StreamBinding> streams, Metadata metadata) {
        List<StreamBinding> open = streams.stream().filter(b -> !b.closed).toList();
        if (metadata == null) {
            open.forEach(b -> b.streamId = null);
            return open.isEmpty() ? null : "no metadata: streams are named by label or m-line order, participants unknown";
        }
        Set<String> used = new HashSet<>();
        List<StreamBinding> unmatched = new ArrayList<>();
        for (StreamBinding b : open) {
            Metadata.Stream s = byLabel(metadata, b.label());
            if (s != null && used.add(s.id())) {
                b.streamId = s.id();
            } else {
                b.streamId = null;
                unmatched.add(b);
            }
        }
        if (unmatched.isEmpty()) {
            return null;
        }
        List<Metadata.Stream> spare = metadata.streams().values().stream().filter(s -> !used.contains(s.id())).toList();
        List<String> paired = new ArrayList<>();
        for (int i = 0; i < unmatched.size() && i < spare.size(); i++) {
            unmatched.get(i).streamId = spare.get(i).id();
            paired.add(unmatched.get(i).key);
        }
        List<String> orphans = unmatched.stream().filter(b -> b.streamId == null).map(b -> b.key).toList();
        StringBuilder note = new StringBuilder("metadata labels missing or inconsistent with the SDP");
        if (!paired.isEmpty()) {
            note.append("; mapped by m-line order: ").append(String.join(", ", paired));
        }
        if (!orphans.isEmpty()) {
            note.append("; without metadata stream: ").append(String.join(", ", orphans));
        }
        return note.toString();
    }

    private static Metadata.Stream byLabel(Metadata m, String label) {
        if (label == null) {
            return null;
        }
        for (Metadata.Stream s : m.streams().values()) {
            if (label.equals(s.label())) {
                return s;
            }
        }
        return null;
    }
}
