package dev.siprec.webconsole.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.config.api.SettingsWriter;
import dev.siprec.health.api.HealthService;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.RecordingStore;
import dev.siprec.sip.api.SipStack;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The SIPREC page of the Apache Felix Web Console, {@code /system/console/siprec}: live calls, the
 * recordings (searchable by date and participant, each playable in the browser with its metadata
 * beside it), the health checks and the drain switch. Audio is served from {@code play.wav} with
 * byte ranges; health, drain state and live calls refresh from {@code live.json} without a reload;
 * the drain switch is a POST carrying this page's anti-CSRF token.
 */
@Component(service = Servlet.class, configurationPid = "dev.siprec.webconsole", property = {
        "felix.webconsole.label=" + SiprecConsolePlugin.LABEL,
        "felix.webconsole.title=SIPREC",
        "felix.webconsole.category=SIPREC"
})
@Designate(ocd = WebConsoleConfig.class)
public final class SiprecConsolePlugin extends HttpServlet {
    static final String LABEL = "siprec";
    static final String SIP_PID = "dev.siprec.sip";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SiprecConsolePlugin.class);

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SipStack stack;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile HealthService health;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SettingsWriter settings;

    private final transient List<RecordingStore> stores = new CopyOnWriteArrayList<>();
    private final transient WebConsoleConfig config;
    private final transient Path defaultRoot;
    private final String token;

    @Activate
    public SiprecConsolePlugin(BundleContext context, WebConsoleConfig config) {
        this.config = config;
        if (config.max_results() < 1 || config.max_results() > 1000 || config.max_scanned() < 10 || config.max_scanned() > 100_000) {
            throw new IllegalArgumentException("dev.siprec.webconsole: max.results must be 1-1000 and max.scanned 10-100000");
        }
        String data = context.getProperty("siprec.data");
        this.defaultRoot = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("recordings");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addStore(RecordingStore store) {
        stores.add(store);
    }

    void removeStore(RecordingStore store) {
        stores.remove(store);
    }

    Path recordingsRoot() {
        if (!config.recording_directory().isBlank()) {
            return Path.of(config.recording_directory()).toAbsolutePath();
        }
        return stores.isEmpty() ? defaultRoot : Path.of(stores.get(0).directory());
    }

    private static String pluginRoot(HttpServletRequest req) {
        Object root = req.getAttribute("felix.webconsole.pluginRoot");
        return root instanceof String s ? s : req.getContextPath() + "/system/console/" + LABEL;
    }

    /** The part of the request path after the plug-in's root, e.g. {@code /play.wav}, or empty for the page. */
    private static String subPath(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String root = pluginRoot(req);
        int at = uri.indexOf(root);
        return at < 0 ? "" : uri.substring(at + root.length());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sub = subPath(req);
        if (sub.equals("/play.wav")) {
            play(req, resp, false);
        } else if (sub.equals("/live.json")) {
            liveJson(req, resp);
        } else if (sub.isEmpty() || sub.equals("/")) {
            page(req, resp);
        } else {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (subPath(req).equals("/play.wav")) {
            play(req, resp, true);
        } else {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void play(HttpServletRequest req, HttpServletResponse resp, boolean head) throws IOException {
        Optional<Path> file = new RecordingFiles(recordingsRoot()).wav(req.getParameter("d"), req.getParameter("s"), req.getParameter("f"));
        if (file.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        AudioStreamer.send(file.get(), req.getHeader("Range"), head, resp);
    }

    private LiveView live() {
        SipStack s = stack;
        RecordingSessions rs = sessions;
        return LiveView.of(health, s == null ? null : s.isDraining(), rs == null ? null : rs.sessions());
    }

    private void page(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setCharacterEncoding("UTF-8");
        if (resp.getContentType() == null) {
            resp.setContentType("text/html");
        }
        PrintWriter w = resp.getWriter();
        String root = pluginRoot(req);
        PageRenderer r = new PageRenderer(w, root);
        w.println("<div class='siprec' id='siprec'>");
        r.styles();
        live().writeSections(w, root, token, Instant.now());
        LiveView.writeScript(w, root + "/live.json");
        String date = limit(req.getParameter("date"), 10);
        String participant = limit(req.getParameter("participant"), 200);
        r.searchForm(date, participant);
        RecordingIndex.Page page = new RecordingIndex.Page(List.of(), false);
        String error = null;
        try {
            page = new RecordingIndex(new RecordingFiles(recordingsRoot()), config.max_results(), config.max_scanned()).search(date, participant);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        } catch (IOException e) {
            error = "the recordings directory cannot be read: " + e.getMessage();
        }
        r.recordings(page, error);
        w.println("</div>");
    }

    /** The changing sections for the page's script; never cached. */
    private void liveJson(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setCharacterEncoding("UTF-8");
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        live().writeJson(resp.getWriter(), pluginRoot(req), token, Instant.now());
    }

    private static String limit(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!subPath(req).equals("/drain")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String presented = req.getParameter("token");
        if (presented == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8))
                || !sameOrigin(req)) {
            LOG.warn("web console drain refused from {}: missing or wrong anti-CSRF token or foreign Origin", req.getRemoteAddr());
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "invalid anti-CSRF token: reload the page");
            return;
        }
        SipStack s = stack;
        if (s == null) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the SIP stack is not running");
            return;
        }
        boolean draining = Boolean.parseBoolean(req.getParameter("draining"));
        s.setDraining(draining);
        persist(draining);
        LOG.info("{} from the web console", draining ? "draining" : "accepting new sessions");
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER); // RFC 9110 §15.4.4: the page is fetched again with GET
        resp.setHeader("Location", pluginRoot(req));
    }

    /** An {@code Origin} header, when the browser sends one, must name this server (RFC 6454). */
    static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = req.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /**
     * Saves {@code draining} in {@code dev.siprec.sip} through the shell's {@link SettingsWriter},
     * the very path {@code siprec:drain} takes: validated, and written to {@code etc/} (a new
     * {@code etc/dev.siprec.sip.cfg} when there is none), so the state survives a restart.
     */
    private void persist(boolean draining) {
        SettingsWriter w = settings;
        if (w == null) {
            LOG.warn("draining={} applied but not saved: no SettingsWriter (bundle dev.siprec.shell) is running", draining);
            return;
        }
        try {
            LOG.info("saved from the web console: {}", w.set(SIP_PID, Map.of("draining", String.valueOf(draining))).strip().replace('\n', ' '));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("draining={} applied but not saved in {}: {}", draining, SIP_PID, e.getMessage());
        }
    }
}
