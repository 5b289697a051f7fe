package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web console in a real browser: the assembled server records a SIPREC call placed by SIPp,
 * then Debian's headless Chromium (driven by Selenium through Debian's chromedriver) logs in with
 * the admin channel's credentials, finds the call on the SIPREC page, plays it (the audio element's
 * currentTime advances), sees the page refresh health and drain state by itself while the audio
 * plays, switches drain on and off (saved to etc/dev.siprec.sip.cfg as siprec:drain saves it), runs
 * Felix's hc:exec, and is locked out after too many failed logins; the browser logs no console error.
 * Screenshots are kept in target/webconsole-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleIT {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;
    private int port;
    private String secret;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        Path chromium = Peers.require("chromium", "chromium");
        Path chromedriver = Peers.require("chromedriver", "chromium-driver");
        server = ServerProcess.copy("webconsole");
        port = ServerProcess.freePort();
        ServerProcess.setProperty(server.home().resolve("etc/org.apache.felix.http.cfg"), "org.osgi.service.http.port", String.valueOf(port));
        ServerProcess.setProperty(server.home().resolve("etc/config.properties"), "org.osgi.service.http.port", String.valueOf(port));
        server.start();
        server.awaitRecording(Duration.ofSeconds(90));
        secret = Files.readString(server.home().resolve("data/admin/secret"), StandardCharsets.US_ASCII).trim();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(Path.of("target", "chromedriver-webconsole.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/system/console/siprec";
    }

    private HttpResponse<byte[]> get(String url, String user, String password, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(b::header);
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void screenshot(String name) throws Exception {
        Path to = Path.of("target", "webconsole-" + name + ".png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aRecordedCallIsListedAndPlaysInTheBrowser() throws Exception {
        assertEquals(401, get(base(), null, null, Map.of()).statusCode(), "no credentials");
        assertEquals(401, get(base(), "admin", "admin", Map.of()).statusCode(), "no default password");
        assertEquals(401, get(base(), "admin", secret + "x", Map.of()).statusCode(), "wrong secret");

        SiprecCall call = new SiprecCall(null, null, 3000);
        call.place(Path.of("target", "sipp-webconsole").toAbsolutePath(), "u1", server.port("udp"));
        Path folder = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(30));

        // audio is served with byte ranges, and nothing outside the recordings can be named
        String date = folder.getParent().getFileName().toString();
        String audio = base() + "/play.wav?d=" + date + "&s=" + folder.getFileName() + "&f=stereo.wav";
        long size = Files.size(folder.resolve("stereo.wav"));
        HttpResponse<byte[]> part = get(audio, "admin", secret, Map.of("Range", "bytes=0-43"));
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-43/" + size, part.headers().firstValue("Content-Range").orElse(""));
        assertEquals("RIFF", new String(part.body(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals(44, part.body().length);
        assertEquals(416, get(audio, "admin", secret, Map.of("Range", "bytes=" + size + "-")).statusCode());
        assertEquals(404, get(base() + "/play.wav?d=" + date + "&s=..&f=stereo.wav", "admin", secret, Map.of()).statusCode());
        assertEquals(401, get(audio, null, null, Map.of()).statusCode());

        // the browser: log in through the URL's user info (Chromium then sends it to the page's audio too)
        browser.get("http://admin:" + secret + "@127.0.0.1:" + port + "/system/console/siprec");
        browser.get(base());
        WebElement row = browser.findElement(By.cssSelector("tr.recording[data-call-id='" + call.callId + "']"));
        assertTrue(row.getText().contains(call.callId), row.getText());
        screenshot("page");

        JavascriptExecutor js = browser;
        WebElement player = row.findElement(By.tagName("audio"));
        js.executeScript("arguments[0].muted = true; arguments[0].play();", player);
        boolean advanced = Await.until(Duration.ofSeconds(30), () -> {
            Object t = js.executeScript("return arguments[0].currentTime;", player);
            return t instanceof Number n && n.doubleValue() > 1.0;
        });
        Object state = js.executeScript("var a = arguments[0]; return 'currentTime=' + a.currentTime + ' duration=' + a.duration"
                + " + ' readyState=' + a.readyState + ' error=' + (a.error && a.error.code);", player);
        screenshot("playing");
        assertTrue(advanced, "audio did not play: " + state);

        // live refresh: drain switched from the shell shows on the open page within a few seconds,
        // without a reload (a marker on window survives) and without interrupting the playing audio
        Path sip = server.home().resolve("etc/dev.siprec.sip.cfg");
        Files.deleteIfExists(sip);
        js.executeScript("window.__noReload = 'still here';");
        double playedBefore = ((Number) js.executeScript("return arguments[0].currentTime;", player)).doubleValue();
        assertEquals(0, server.admin("siprec:drain").status());
        assertTrue(Await.until(Duration.ofSeconds(15), () -> text("drain-state").startsWith("draining")),
                "the page did not refresh the drain state by itself");
        assertEquals("still here", js.executeScript("return window.__noReload;"), "the page was reloaded");
        Object paused = js.executeScript("return arguments[0].paused + ' ' + arguments[0].currentTime;", player);
        assertTrue(((Number) js.executeScript("return arguments[0].currentTime;", player)).doubleValue() > playedBefore
                || Boolean.TRUE.equals(js.executeScript("return arguments[0].ended;", player)), "audio interrupted: " + paused);
        assertEquals(Boolean.TRUE, js.executeScript("return arguments[0].isConnected;", player), "the audio element was replaced");
        assertTrue(text("siprec-health").contains("disk.space"), "health section kept");
        screenshot("refreshed");
        assertEquals(0, server.admin("siprec:undrain").status());
        assertTrue(Await.until(Duration.ofSeconds(15), () -> text("drain-state").startsWith("accepting")),
                "undrain did not show by itself");
        Files.deleteIfExists(sip); // as on a fresh node: the switch must create it, as siprec:drain does
        assertTrue(Await.until(Duration.ofSeconds(15), () -> !saved(server, "draining\\s+(true|false)")), "configuration not removed");

        // the drain switch: a POST with the page's token; the state shows on the reloaded page and is
        // saved to etc/dev.siprec.sip.cfg exactly as siprec:drain saves it
        browser.findElement(By.id("drain-button")).click();
        assertTrue(Await.until(Duration.ofSeconds(20), () -> text("drain-state").startsWith("draining")),
                "drain did not switch on");
        assertTrue(SipProbe.firstLine(SipProbe.udpOptions(server.port("udp"))).contains(" 503 "), "OPTIONS while draining");
        assertTrue(Await.until(Duration.ofSeconds(15), () -> read(sip).matches("(?s).*draining\\s*=\\s*(B\")?true.*")), "drain not saved: " + read(sip));
        assertTrue(saved(server, "draining\\s+true"), "config-get disagrees");
        screenshot("draining");
        browser.findElement(By.id("drain-button")).click();
        assertTrue(Await.until(Duration.ofSeconds(20), () -> text("drain-state").startsWith("accepting")),
                "drain did not switch off");
        assertTrue(Await.until(Duration.ofSeconds(15), () -> read(sip).matches("(?s).*draining\\s*=\\s*(B\")?false.*")), "undrain not saved: " + read(sip));

        // Felix Health Checks' own command, through the admin channel
        ServerProcess.Result hc = server.admin("hc:exec siprec");
        assertTrue(hc.out().contains("disk.space") && hc.out().contains("listeners"), "hc:exec: " + hc);

        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertFalse(errors.size() > 0, "browser console errors: " + errors);

        // failed logins are throttled per address (a success does not reset the count): two failures
        // above, then the sixth locks 127.0.0.1 out
        for (int i = 0; i < 4; i++) {
            get(base(), "admin", "guess-" + i, Map.of());
        }
        HttpResponse<byte[]> locked = get(base(), "admin", secret, Map.of());
        assertEquals(429, locked.statusCode(), "locked out, even with the secret");
        assertTrue(Integer.parseInt(locked.headers().firstValue("Retry-After").orElse("0")) > 0, "Retry-After");
        String log = Files.readString(server.stdout());
        assertFalse(log.contains("guess-0") || log.contains(secret), "a password was logged");
    }

    /** @return whether siprec:config-get dev.siprec.sip shows a line matching {@code regex} */
    private static boolean saved(ServerProcess server, String regex) {
        try {
            return java.util.regex.Pattern.compile(regex).matcher(server.admin("siprec:config-get dev.siprec.sip").out()).find();
        } catch (Exception e) {
            return false;
        }
    }

    /** The element's text, or "" while the page's live refresh is replacing it. */
    private String text(String id) {
        try {
            return browser.findElement(By.id(id)).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
