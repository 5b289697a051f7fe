package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.codec.ContentType;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.Via;

/**
 * The UAS request checks of RFC 3261 §8.2 in their order — method (§8.2.1), Request-URI scheme
 * (§8.2.2.1), Require (§8.2.2.3), content (§8.2.3) — preceded by Max-Forwards (§16.3 step 3;
 * 483 at zero, OPTIONS excepted as the RFC allows) and loop detection (a Via of ours: 482).
 * Merged requests (§8.2.2.2) need the transaction table and are checked by the router.
 */
final class RequestChecks {

    /** Methods of RFC 3261 and its common extensions: others are unknown (501), these are not allowed (405). */
    static final Set<String> KNOWN = Set.of("INVITE", "ACK", "OPTIONS", "BYE", "CANCEL", "REGISTER", "PRACK",
            "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    private RequestChecks() {
    }

    /** @return the rejection, or {@code null} when the request passes. */
    static OutgoingResponse check(ParsedRequest req, SipEngine engine) {
        OutgoingResponse r = maxForwards(req);
        if (r == null) {
            r = loop(req, engine.ids);
        }
        if (r == null) {
            r = method(req, engine);
        }
        if (r == null) {
            r = uriScheme(req);
        }
        if (r == null) {
            r = noHandler(req, engine);
        }
        if (r == null) {
            r = require(req, engine.handlers.optionTags());
        }
        if (r == null) {
            r = content(req, engine.accepted());
        }
        return r;
    }

    static OutgoingResponse maxForwards(ParsedRequest req) {
        String mf = req.header("Max-Forwards");
        if (mf == null) {
            return null; // RFC 3261 §8.1.1.6 makes it mandatory, but a UAS tolerates RFC 2543 peers
        }
        String v = mf.trim();
        if (v.isEmpty() || v.length() > 3 || !v.chars().allMatch(Character::isDigit) || Integer.parseInt(v) > 255) {
            return OutgoingResponse.of(400, "Invalid Max-Forwards");
        }
        if (Integer.parseInt(v) == 0 && !"OPTIONS".equals(req.method())) {
            return OutgoingResponse.of(483);
        }
        return null;
    }

    static OutgoingResponse loop(ParsedRequest req, Ids ids) {
        try {
            for (Via via : req.vias()) {
                if (ids.isOurBranch(via.branch())) {
                    return OutgoingResponse.of(482);
                }
            }
        } catch (SipSyntaxException e) {
            return OutgoingResponse.of(400, "Invalid Via");
        }
        return null;
    }

    static OutgoingResponse method(ParsedRequest req, SipEngine engine) {
        Set<String> allowed = engine.allowedMethods();
        if (allowed.contains(req.method())) {
            return null;
        }
        SipHeader allow = new SipHeader("Allow", String.join(", ", allowed));
        return KNOWN.contains(req.method()) ? OutgoingResponse.of(405, null, allow) : OutgoingResponse.of(501, null, allow);
    }

    static OutgoingResponse uriScheme(ParsedRequest req) {
        try {
            return req.requestSipUri() == null ? OutgoingResponse.of(416) : null;
        } catch (SipSyntaxException e) {
            return OutgoingResponse.of(400, "Invalid Request-URI");
        }
    }

    /**
     * A new request (no To tag) other than OPTIONS, ACK or CANCEL while no request handler is
     * registered (the server is starting, or its session bundle is stopped): 503 with Retry-After,
     * before the option-tag and body checks would answer 420 or 415 for what only the handler knows.
     */
    static OutgoingResponse noHandler(ParsedRequest req, SipEngine engine) {
        String m = req.method();
        if (req.toTag() != null || "ACK".equals(m) || "CANCEL".equals(m) || "OPTIONS".equals(m)
                || engine.handlers.current() != null) {
            return null;
        }
        return OutgoingResponse.of(503, UasDispatcher.NO_HANDLER,
                new dev.siprec.sip.api.SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter())));
    }

    static OutgoingResponse require(ParsedRequest req, Set<String> supported) {
        if ("ACK".equals(req.method()) || "CANCEL".equals(req.method())) {
            return null;
        }
        List<String> unsupported = new ArrayList<>();
        for (String v : req.headers("Require")) {
            for (String tag : v.split(",")) {
                String t = tag.trim();
                if (!t.isEmpty() && !supported.contains(t.toLowerCase(Locale.ROOT))) {
                    unsupported.add(t);
                }
            }
        }
        return unsupported.isEmpty() ? null
                : OutgoingResponse.of(420, null, new SipHeader("Unsupported", String.join(", ", unsupported)));
    }

    static OutgoingResponse content(ParsedRequest req, Set<String> accepted) {
        if (req.body().length == 0 || "ACK".equals(req.method()) || "CANCEL".equals(req.method())) {
            return null;
        }
        String encoding = req.header("Content-Encoding");
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            return OutgoingResponse.of(415, null, new SipHeader("Accept-Encoding", "identity"),
                    new SipHeader("Accept", String.join(", ", accepted)));
        }
        String type;
        try {
            type = req.contentTypeHeader().map(ContentType::mediaType).orElse(null);
        } catch (SipSyntaxException e) {
            return OutgoingResponse.of(400, "Invalid Content-Type");
        }
        if (type == null || !accepted.contains(type.toLowerCase(Locale.ROOT))) {
            return OutgoingResponse.of(415, null, new SipHeader("Accept", String.join(", ", accepted)));
        }
        return null;
    }
}
