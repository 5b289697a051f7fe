package dev.siprec.recording.api;

import java.time.Instant;
import java.util.List;

/**
 * A participant of a communication session as described by the metadata (RFC 7865 §6.5, §6.6).
 *
 * @param id the participant_id, as sent
 * @param aor the address of record from {@code nameID aor}, or {@code null}
 * @param name the display name from {@code nameID/name}, or {@code null}
 * @param sends ids of the streams this participant sends
 * @param receives ids of the streams this participant receives
 * @param associated when the participant joined the communication session (participantsessionassoc), or {@code null}
 * @param disassociated when it left, or {@code null}
 */
public record Participant(String id, String aor, String name, List<String> sends, List<String> receives,
                          Instant associated, Instant disassociated) {
    public Participant {
        sends = List.copyOf(sends);
        receives = List.copyOf(receives);
    }
}
