package dev.siprec.sip.codec;

/** Default reason phrases (RFC 3261 §21 and the extensions that define further codes). */
final class ReasonPhrases {
    private static final String[] PHRASES = new String[700];

    static {
        put(100, "Trying");
        put(180, "Ringing");
        put(181, "Call Is Being Forwarded");
        put(182, "Queued");
        put(183, "Session Progress");
        put(199, "Early Dialog Terminated"); // RFC 6228
        put(200, "OK");
        put(202, "Accepted"); // RFC 3265
        put(204, "No Notification"); // RFC 5839
        put(300, "Multiple Choices");
        put(301, "Moved Permanently");
        put(302, "Moved Temporarily");
        put(305, "Use Proxy");
        put(380, "Alternative Service");
        put(400, "Bad Request");
        put(401, "Unauthorized");
        put(402, "Payment Required");
        put(403, "Forbidden");
        put(404, "Not Found");
        put(405, "Method Not Allowed");
        put(406, "Not Acceptable");
        put(407, "Proxy Authentication Required");
        put(408, "Request Timeout");
        put(410, "Gone");
        put(412, "Conditional Request Failed"); // RFC 3903
        put(413, "Request Entity Too Large");
        put(414, "Request-URI Too Long");
        put(415, "Unsupported Media Type");
        put(416, "Unsupported URI Scheme");
        put(417, "Unknown Resource-Priority"); // RFC 4412
        put(420, "Bad Extension");
        put(421, "Extension Required");
        put(422, "Session Interval Too Small"); // RFC 4028
        put(423, "Interval Too Brief");
        put(424, "Bad Location Information"); // RFC 6442
        put(428, "Use Identity Header"); // RFC 8224
        put(429, "Provide Referrer Identity"); // RFC 3892
        put(430, "Flow Failed"); // RFC 5626
        put(433, "Anonymity Disallowed"); // RFC 5079
        put(436, "Bad Identity Info"); // RFC 8224
        put(437, "Unsupported Credential"); // RFC 8224
        put(438, "Invalid Identity Header"); // RFC 8224
        put(439, "First Hop Lacks Outbound Support"); // RFC 5626
        put(440, "Max-Breadth Exceeded"); // RFC 5393
        put(469, "Bad Info Package"); // RFC 6086
        put(470, "Consent Needed"); // RFC 5360
        put(480, "Temporarily Unavailable");
        put(481, "Call/Transaction Does Not Exist");
        put(482, "Loop Detected");
        put(483, "Too Many Hops");
        put(484, "Address Incomplete");
        put(485, "Ambiguous");
        put(486, "Busy Here");
        put(487, "Request Terminated");
        put(488, "Not Acceptable Here");
        put(489, "Bad Event"); // RFC 6665
        put(491, "Request Pending");
        put(493, "Undecipherable");
        put(494, "Security Agreement Required"); // RFC 3329
        put(500, "Server Internal Error");
        put(501, "Not Implemented");
        put(502, "Bad Gateway");
        put(503, "Service Unavailable");
        put(504, "Server Time-out");
        put(505, "Version Not Supported");
        put(513, "Message Too Large");
        put(555, "Push Notification Service Not Supported"); // RFC 8599
        put(580, "Precondition Failure"); // RFC 3312
        put(600, "Busy Everywhere");
        put(603, "Decline");
        put(604, "Does Not Exist Anywhere");
        put(606, "Not Acceptable");
        put(607, "Unwanted"); // RFC 8197
        put(608, "Rejected"); // RFC 8688
    }

    private ReasonPhrases() {
    }

    private static void put(int code, String phrase) {
        PHRASES[code] = phrase;
    }

    static String of(int status) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status code out of range: " + status);
        }
        String p = PHRASES[status];
        if (p != null) {
            return p;
        }
        return switch (status / 100) {
            case 1 -> "Provisional";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Global Failure";
        };
    }
}
