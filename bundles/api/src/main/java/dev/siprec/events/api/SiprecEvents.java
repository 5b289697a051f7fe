package dev.siprec.events.api;

/**
 * Event Admin topics ({@code org.osgi.service.event}) posted asynchronously by the server, and the
 * names of their properties. Every event carries {@link #NODE} and {@link #TIMESTAMP}; values are
 * strings, numbers or string arrays, so that handlers in any bundle (or a JSON encoder) read them
 * without our classes.
 */
public final class SiprecEvents {
    /** Prefix of every topic; subscribe to {@code dev/siprec/*} for all of them. */
    public static final String TOPIC_PREFIX = "dev/siprec/";
    /** Wildcard topic matching every event of the server. */
    public static final String TOPIC_ALL = TOPIC_PREFIX + "*";
    /** A recording session (RFC 7866 §3) was accepted: the recording INVITE was answered 200. */
    public static final String TOPIC_SESSION_STARTED = TOPIC_PREFIX + "session/STARTED";
    /** Participants, streams or metadata of a session changed (re-INVITE, UPDATE, new RFC 7865 metadata). */
    public static final String TOPIC_SESSION_UPDATED = TOPIC_PREFIX + "session/UPDATED";
    /** A session ended and every recording sink has finalized it. */
    public static final String TOPIC_SESSION_ENDED = TOPIC_PREFIX + "session/ENDED";
    /** A sink finalized the recording of a session: its files are complete and will not change. */
    public static final String TOPIC_RECORDING_FINALIZED = TOPIC_PREFIX + "recording/FINALIZED";

    /** {@code String}: the server node that posted the event (framework property {@code siprec.node}, else the host name). */
    public static final String NODE = "node";
    /** {@code Long}: when the event happened, milliseconds since the epoch. */
    public static final String TIMESTAMP = "timestamp";
    /** {@code String}: the server's id of the recording session. */
    public static final String SESSION_ID = "session.id";
    /** {@code String}: Call-ID of the recording INVITE (RFC 3261 §8.1.1.4). */
    public static final String CALL_ID = "call.id";
    /** {@code String}: the recording client's address, {@code host:port}. */
    public static final String PEER = "peer";
    /** {@code String}: SIP transport of the recording dialog, e.g. {@code UDP}, {@code TLS}, {@code WSS}. */
    public static final String TRANSPORT = "transport";
    /** {@code String[]}: the participants' addresses of record from the latest metadata (RFC 7865 §6.3). */
    public static final String PARTICIPANTS = "participants";
    /** {@code String[]}: the communication session ids from the metadata (RFC 7865 §6.2). */
    public static final String COMMUNICATION_SESSIONS = "communication.sessions";
    /** {@code Integer}: number of streams being recorded. */
    public static final String STREAMS = "streams";
    /** {@code Integer}: how many metadata bodies were received so far. */
    public static final String METADATA_VERSION = "metadata.version";
    /** {@code String}: when the session started, ISO-8601. */
    public static final String STARTED_AT = "started.at";
    /** {@code String}: why the session ended ({@code BYE}, {@code MEDIA_TIMEOUT}, ...); only on {@link #TOPIC_SESSION_ENDED}. */
    public static final String END_REASON = "end.reason";
    /** {@code String}: the sink that wrote the recording, e.g. {@code wav}. */
    public static final String SINK = "sink";
    /** {@code String}: absolute path of the recording's folder. */
    public static final String RECORDING_FOLDER = "recording.folder";
    /** {@code String}: absolute path of the recording's summary ({@code session.json}). */
    public static final String RECORDING_SUMMARY = "recording.summary";
    /** {@code String}: the recording's final state, {@code complete} or {@code interrupted}. */
    public static final String RECORDING_STATE = "recording.state";

    /** Framework property naming this server node in events (scale-out: one name per node). */
    public static final String NODE_PROPERTY = "siprec.node";

    private SiprecEvents() {
    }

    /**
     * @param configured the value of the framework property {@link #NODE_PROPERTY}, or {@code null}
     * @return the node name: the configured one, else the host name, else {@code localhost}
     */
    public static String nodeName(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
