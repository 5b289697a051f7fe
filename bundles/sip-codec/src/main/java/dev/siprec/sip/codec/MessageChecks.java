package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that make a syntactically scanned message processable (RFC 3261 §8.1.1, §8.2, §20):
 * mandatory header fields present once, their values well formed, the {@code CSeq} method equal to
 * the request method. Returns a reason for a {@code 400}, or {@code null}.
 */
final class MessageChecks {
    private MessageChecks() {
    }

    static String check(ParsedMessage msg) {
        HeaderFields f = msg.fields;
        // One pass over the lines; parsed names are the canonical constants, so identity is enough.
        int via = 0;
        int from = 0;
        int to = 0;
        int callId = 0;
        int cseqLines = 0;
        int maxForwards = 0;
        int contentType = 0;
        for (int i = 0; i < f.size(); i++) {
            String n = f.name(i);
            if (n == "Via") {
                via++;
            } else if (n == "From") {
                from++;
            } else if (n == "To") {
                to++;
            } else if (n == "Call-ID") {
                callId++;
            } else if (n == "CSeq") {
                cseqLines++;
            } else if (n == "Max-Forwards") {
                maxForwards++;
            } else if (n == "Content-Type") {
                contentType++;
            }
        }
        String missing = via == 0 ? "Via" : from == 0 ? "From" : to == 0 ? "To" : callId == 0 ? "Call-ID"
                : cseqLines == 0 ? "CSeq" : null;
        if (missing != null) {
            return "Missing " + missing + " header field";
        }
        String repeated = from > 1 ? "From" : to > 1 ? "To" : callId > 1 ? "Call-ID" : cseqLines > 1 ? "CSeq"
                : maxForwards > 1 ? "Max-Forwards" : contentType > 1 ? "Content-Type" : null;
        if (repeated != null) {
            return "Multiple " + repeated + " header fields";
        }
        try {
            List<String> notes = new ArrayList<>(2);
            CSeq cseq = msg.cseqHeader();
            if (msg instanceof ParsedRequest req && !cseq.method().equals(req.method())) {
                if (!ackForInvite(req.method(), cseq.method())) {
                    return "CSeq method does not match the request method";
                }
                notes.add(ACK_CSEQ_INVITE);
            }
            msg.parseAddresses(notes);
            if (msg.vias().isEmpty()) {
                return "Missing Via header field";
            }
            checkContacts(f, notes);
            msg.tolerated = List.copyOf(notes);
        } catch (SipSyntaxException e) {
            return "Malformed " + e.reason();
        }
        if (!isCallId(f.firstLine("Call-ID"))) {
            return "Malformed Call-ID";
        }
        String mf = f.firstLine("Max-Forwards");
        if (mf != null && SipParser.decimal(mf, 3) < 0) {
            return "Malformed Max-Forwards";
        }
        return null;
    }

    /** The note for an ACK whose CSeq method is INVITE (the request line is taken as authoritative). */
    static final String ACK_CSEQ_INVITE = "ACK with CSeq method INVITE (accepted as the ACK it says it is)";

    /** An ACK whose CSeq names the INVITE it acknowledges: unambiguous, the request line says ACK. */
    static boolean ackForInvite(String method, String cseqMethod) {
        return "ACK".equals(method) && "INVITE".equals(cseqMethod);
    }

    /** Contact is the remote target of a dialog (RFC 3261 §12.1): {@code *} or name-addr / addr-spec values. */
    private static void checkContacts(HeaderFields f, List<String> notes) {
        List<String> contacts = f.all("Contact");
        if (contacts.size() == 1 && contacts.get(0).equals("*")) {
            return;
        }
        for (String c : contacts) {
            NameAddress.parseNoting(c, true, notes, "Contact");
        }
    }

    /**
     * callid = word [ "@" word ] (RFC 3261 §25.1). Call-ID is compared as an opaque string, so any
     * visible ASCII is tolerated (some generators emit base64 {@code =}); white space, controls and
     * non-ASCII are rejected.
     */
    static boolean isCallId(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
