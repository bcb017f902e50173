package dev.cleverkit.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cleverkit.Application;
import dev.cleverkit.ApplicationUpdate;
import dev.cleverkit.AsyncClient;
import dev.cleverkit.CleverException;
import dev.cleverkit.CleverKit;
import dev.cleverkit.Client;
import dev.cleverkit.ClientOptions;
import dev.cleverkit.EnvironmentVariable;
import dev.cleverkit.HttpResponse;
import dev.cleverkit.InstanceType;
import dev.cleverkit.NewApplication;
import dev.cleverkit.OAuth1Credentials;
import dev.cleverkit.Param;
import dev.cleverkit.RequestToSign;
import dev.cleverkit.SignatureMethod;
import dev.cleverkit.Signed;
import dev.cleverkit.TransportKind;
import dev.cleverkit.User;
import dev.cleverkit.Zone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as Java 17 code uses it: static factories, overloads for the defaulted arguments,
 * try-with-resources, checked {@link CleverException}s with typed fields, {@link Duration}s.
 */
class JavaInteropTest {
    private static final String UNKNOWN_ORGANISATION = "orga_00000000-0000-4000-8000-00000000dead";

    private static StandIn standIn;

    @BeforeAll
    static void startStandIn() {
        standIn = StandIn.start();
    }

    @AfterAll
    static void stopStandIn() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @BeforeEach
    void resetStandIn() throws Exception {
        standIn.reset();
    }

    /** Both hosts at the stand-in: the first arguments of the record's overloaded constructor. */
    private static ClientOptions options(Duration timeout, int maxRetries) {
        return new ClientOptions(
                standIn.getApi(), standIn.getBridge(), Duration.ofSeconds(5), timeout, maxRetries, Duration.ofMillis(10));
    }

    private static Client oauthClient(ClientOptions options) throws CleverException {
        try (var credentials = new OAuth1Credentials(
                standIn.getConsumerKey(), standIn.getConsumerSecret(), standIn.getToken(), standIn.getTokenSecret())) {
            return Client.withOauth1(credentials, options);
        }
    }

    private static JSONObject vector(String name) throws IOException {
        var root = new JSONObject(Files.readString(Path.of(System.getProperty("cleverkit.vectors"))));
        var cases = root.getJSONArray("cases");
        for (int i = 0; i < cases.length(); i++) {
            if (cases.getJSONObject(i).getString("name").equals(name)) {
                return cases.getJSONObject(i);
            }
        }
        throw new AssertionError("no vector " + name);
    }

    /** The README's Java snippet, as it stands there (ReadmeTest checks that it does). */
    @Test
    void theReadmeSnippet() throws Exception {
        String consumerKey = standIn.getConsumerKey(), consumerSecret = standIn.getConsumerSecret();
        String token = standIn.getToken(), tokenSecret = standIn.getTokenSecret();
        String apiHost = standIn.getApi(), bridgeHost = standIn.getBridge();
        String organisationId = UNKNOWN_ORGANISATION;
        var buffer = new ByteArrayOutputStream();
        var out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        // ClientOptions(apiHost, bridgeHost, connectTimeout, timeout, maxRetries): the rest defaulted.
        var options = new ClientOptions(apiHost, bridgeHost, Duration.ofSeconds(5), Duration.ofSeconds(10), 2);
        try (var credentials = new OAuth1Credentials(consumerKey, consumerSecret, token, tokenSecret);
             var client = Client.withOauth1(credentials, options)) {
            User me = client.myself();
            out.println(me.getEmail() + ": HTTP " + client.request("GET", "/v2/self").getStatus());
            Signed signed = CleverKit.signRequest(new RequestToSign("GET", apiHost + "/v2/self"), credentials);
            out.println(signed.getAuthorization().startsWith("OAuth "));
            client.applications(organisationId);
        } catch (CleverException.NotFound e) {
            out.println(e.getMessage()); // HTTP 404 Not Found: … (API code 4004, request id …)
        }

        var lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(standIn.getEmail() + ": HTTP 200", lines.get(0));
        assertEquals("true", lines.get(1));
        assertTrue(lines.get(2).startsWith("HTTP 404 Not Found: organisation " + UNKNOWN_ORGANISATION), lines.get(2));
        assertEquals(3, lines.size());
    }

    /** The README's second Java snippet: a builder, CompletableFuture calls and a cancel. */
    @Test
    void theReadmeAsyncSnippet() throws Exception {
        String apiHost = standIn.getApi(), bridgeHost = standIn.getBridge(), apiToken = standIn.getApiToken();
        var buffer = new ByteArrayOutputStream();
        var out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        var options = new ClientOptions.Builder().apiHost(apiHost).bridgeHost(bridgeHost).workerThreads(4).build();
        try (var client = AsyncClient.withApiToken(apiToken, options)) {
            CompletableFuture<User> me = client.myselfFuture();
            CompletableFuture<List<Zone>> zones = client.zonesFuture();
            out.println(me.get().getEmail() + ": " + zones.get().size() + " zones");
            client.myselfFuture().cancel(true); // cancels the call in the core too
        }

        var lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith(standIn.getEmail() + ": "), lines.get(0));
        assertEquals(1, lines.size());
    }

    @Test
    void signsAVectorWithAFixedNonceAndTimestamp() throws Exception {
        var vector = vector("https-default-port-443-dropped");
        var expected = vector.getJSONObject("expected");
        try (var credentials = new OAuth1Credentials(
                vector.getString("consumer_key"),
                vector.getString("consumer_secret"),
                vector.getString("token"),
                vector.getString("token_secret"),
                SignatureMethod.HMAC_SHA1)) {
            var request = new RequestToSign(
                    vector.getString("method"), vector.getString("url"), null, null,
                    vector.getString("nonce"), vector.getLong("timestamp"));
            Signed signed = CleverKit.signRequest(request, credentials);
            assertEquals(expected.getString("base_string"), signed.getBaseString());
            assertEquals(expected.getString("signature"), signed.getSignature());
            CleverKit.verifyRequest(
                    request.getMethod(), request.getUrl(), null, null, signed.getAuthorization(),
                    vector.getString("consumer_secret"), vector.getString("token_secret"));
        }
    }

    @Test
    void defaultedArgumentsCanBeLeftOut() throws Exception {
        // OAuth1Credentials(key, secret) and RequestToSign(method, url): the overloads of defaults.
        try (var credentials = new OAuth1Credentials("consumer-key", "consumer-secret")) {
            assertEquals(SignatureMethod.HMAC_SHA512, credentials.signatureMethod());
            var request = new RequestToSign("GET", "https://api.clever-cloud.com/v2/self");
            var first = CleverKit.signRequest(request, credentials);
            var second = CleverKit.signRequest(request, credentials);
            assertTrue(first.getAuthorization().contains("oauth_signature_method=\"HMAC-SHA512\""), first.getAuthorization());
            assertNotEquals(first.getAuthorization(), second.getAuthorization(), "a fresh nonce each time");
        }
    }

    @Test
    void callsTheStandInWithOAuthAndAnApiToken() throws Exception {
        try (var client = oauthClient(options(Duration.ofSeconds(30), 3))) {
            assertEquals(standIn.getUserId(), client.myself().getId());
            assertEquals(standIn.getEmail(), client.myself().getEmail());
        }
        try (var client = Client.withApiToken(standIn.getApiToken(), options(Duration.ofSeconds(30), 3))) {
            // request(method, path): the overload without query, headers and body.
            HttpResponse response = client.request("GET", "/v2/self");
            assertEquals(200, response.getStatus());
            var body = new JSONObject(new String(response.getBody(), StandardCharsets.UTF_8));
            assertEquals(standIn.getUserId(), body.getString("id"));
            assertEquals(standIn.getUserId(), new JSONObject(client.requestJson("GET", "/v2/self")).getString("id"));
        }
    }

    /** Java cannot await a suspend fun, but builds and closes an AsyncClient like a Client. */
    @Test
    void anAsyncClientHasStaticFactoriesAndClosesWithTryWithResources() throws Exception {
        try (var credentials = new OAuth1Credentials(
                     standIn.getConsumerKey(), standIn.getConsumerSecret(), standIn.getToken(), standIn.getTokenSecret());
             var client = AsyncClient.withOauth1(credentials, options(Duration.ofSeconds(30), 0));
             var fromToken = AsyncClient.withApiToken(standIn.getApiToken())) {
            assertEquals(16, client.workerThreads());
            assertFalse(fromToken.isClosed());
            client.shutdown();
            assertTrue(client.isClosed());
        }
        try (var client = oauthClient(options(Duration.ofSeconds(30), 0)); var shared = client.asyncClient()) {
            shared.shutdown();
            assertFalse(client.isClosed(), "closing the AsyncClient leaves its Client open");
            assertEquals(standIn.getUserId(), client.myself().getId());
        }
    }

    @Test
    void downloadsAnInvoice(@TempDir Path dir) throws Exception {
        var pdf = dir.resolve("invoice.pdf");
        try (var client = oauthClient(options(Duration.ofSeconds(30), 3))) {
            long written = client.downloadInvoice(standIn.getOrganisationId(), "4096", pdf.toString());
            assertEquals(4096L, written);
            assertEquals(4096L, Files.size(pdf));
        }
    }

    @Test
    void catchesATypedErrorAndReadsItsFields() throws Exception {
        try (var client = oauthClient(options(Duration.ofSeconds(30), 0))) {
            try {
                client.applications(UNKNOWN_ORGANISATION);
                fail("an unknown organisation was found");
            } catch (CleverException.NotFound e) {
                assertEquals("4004", e.getCode());
                assertEquals(
                        "HTTP 404 Not Found: organisation " + UNKNOWN_ORGANISATION + " not found (API code 4004, request id "
                                + e.getRequestId() + ")",
                        e.getMessage());
            }

            standIn.fault(new JSONObject().put("status", 500).put("path_prefix", "/v4/products/zones").toString());
            var error = assertThrows(CleverException.Http.class, client::zones);
            int status = error.getStatus();
            assertEquals(500, status);
            assertTrue(error.getMessage().startsWith("HTTP 500 Internal Server Error: "), error.getMessage());
        }
    }

    @Test
    void aTimeoutIsItsOwnError() throws Exception {
        standIn.fault("{\"action\":\"delay\",\"before_headers_ms\":3000,\"path_prefix\":\"/v2/self\"}");
        long started = System.nanoTime();
        try (var client = oauthClient(options(Duration.ofMillis(300), 0))) {
            var error = assertThrows(CleverException.Timeout.class, client::myself);
            assertEquals("timed out: " + error.getDetail(), error.getMessage());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0, "the timeout was not applied");
    }

    @Test
    void retriesAsManyTimesAsAsked() throws Exception {
        standIn.fault("{\"status\":503,\"times\":2,\"retry_after\":\"0\",\"path_prefix\":\"/v2/self\"}");
        try (var client = oauthClient(options(Duration.ofSeconds(30), 2))) {
            assertEquals(standIn.getUserId(), client.myself().getId());
        }
        long attempts = standIn.requests().stream().filter(r -> r.getString("target").equals("/v2/self")).count();
        assertEquals(3, attempts);

        standIn.fault("{\"status\":503,\"times\":2,\"retry_after\":\"0\",\"path_prefix\":\"/v2/self\"}");
        try (var client = oauthClient(options(Duration.ofSeconds(30), 1))) {
            assertEquals(503, assertThrows(CleverException.Http.class, client::myself).getStatus());
        }
    }

    @Test
    void aRefusedConnectionIsTransportOfKindConnect() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // ClientOptions(apiHost, bridgeHost, connectTimeout, timeout, maxRetries): the rest defaulted.
        var options = new ClientOptions("http://127.0.0.1:" + port, null, null, null, 0);
        try (var client = oauthClient(options)) {
            var error = assertThrows(CleverException.Transport.class, client::myself);
            assertEquals(TransportKind.CONNECT, error.getKind());
            assertTrue(error.getMessage().startsWith("connection failed: "), error.getMessage());
        }
    }

    @Test
    void tryWithResourcesFreesTheClient() throws Exception {
        Client escaped;
        try (var client = Client.withApiToken(standIn.getApiToken(), options(Duration.ofSeconds(30), 0))) {
            escaped = client;
            assertEquals(standIn.getUserId(), client.myself().getId());
        }
        assertThrows(IllegalStateException.class, escaped::myself);
    }

    @Test
    void shutdownAndCloseRefuseLaterCallsAlike() throws Exception {
        try (var client = Client.withApiToken(standIn.getApiToken(), options(Duration.ofSeconds(30), 0))) {
            client.shutdown();
            assertTrue(client.isClosed());
            var error = assertThrows(IllegalStateException.class, client::myself);
            assertEquals("Client is closed", error.getMessage());
        }
        var closed = Client.withApiToken(standIn.getApiToken(), options(Duration.ofSeconds(30), 0));
        closed.close();
        assertTrue(closed.isClosed());
        assertEquals("Client(closed)", closed.toString());
        assertEquals("Client is closed", assertThrows(IllegalStateException.class, closed::myself).getMessage());
    }

    @Test
    void aNegativeCountIsRefusedAtConstruction() {
        var options = new ClientOptions(null, null, null, null, -1);
        var error = assertThrows(CleverException.InvalidInput.class, () -> Client.withApiToken("token", options));
        assertEquals("invalid input: max_retries -1 is negative or too large", error.getMessage());
    }

    /**
     * An application's life from Java: {@link NewApplication}'s overloaded constructor (the API's
     * defaults for what it leaves out) and its full one, the defaulted calls' overloads, and
     * {@link CleverException.NotFound} once deleted.
     */
    @Test
    void createsAndDeletesAnApplication() throws Exception {
        String owner = standIn.getOrganisationId();
        try (var client = oauthClient(options(Duration.ofSeconds(30), 3))) {
            InstanceType node = client.instanceTypes().stream()
                    .filter(entry -> Boolean.TRUE.equals(entry.getEnabled()))
                    .filter(entry -> entry.getVariant() != null && "node".equals(entry.getVariant().getSlug()))
                    .max(Comparator.comparing(InstanceType::getVersion))
                    .orElseThrow();
            // NewApplication(name, instanceType, instanceVersion, instanceVariant): the rest defaulted.
            var minimal = new NewApplication("orders-java", node.getKind(), node.getVersion(), node.getVariant().getId());
            assertEquals("par", minimal.getZone());
            assertEquals(1, minimal.getMaxInstances());
            assertEquals(List.of(), minimal.getEnvironment());
            // Every field, the environment last: what Java writes to set it.
            var full = new NewApplication(
                    "orders-java", node.getKind(), node.getVersion(), node.getVariant().getId(),
                    "par", "from Java", "git", "main", "XS", "S", 1, 2, null,
                    List.of(new EnvironmentVariable("PORT", "8080")));

            Application created = client.createApplication(owner, full);
            String app = created.getId();
            try {
                assertEquals("orders-java", created.getName());
                assertEquals("from Java", created.getDescription());
                assertEquals(2, created.getInstance().getMaxInstances());
                assertEquals(created, client.application(owner, app));
                assertEquals(List.of(new EnvironmentVariable("PORT", "8080")), client.environment(owner, app));
                // ApplicationUpdate(name, description): the other fields left as they are.
                var updated = client.updateApplication(owner, app, new ApplicationUpdate(null, "order intake"));
                assertEquals("order intake", updated.getDescription());
                assertEquals("orders-java", updated.getName());
                // deployments(owner, app): the overload without a limit.
                assertEquals(List.of(), client.deployments(owner, app));
                assertTrue(client.applications(owner).stream().anyMatch(listed -> listed.getId().equals(app)));
            } finally {
                client.deleteApplication(owner, app);
            }
            var gone = assertThrows(CleverException.NotFound.class, () -> client.application(owner, app));
            assertEquals("4004", gone.getCode());
            assertTrue(client.applications(owner).stream().noneMatch(listed -> listed.getId().equals(app)));
        }
    }

    @Test
    void httpResponsesCompareTheirBodies() {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        var headers = List.of(new Param("Content-Type", "application/json"));
        var response = new HttpResponse(200, headers, body);
        var same = new HttpResponse(200, headers, body.clone());
        assertEquals(response, same);
        assertEquals(response.hashCode(), same.hashCode());
        assertNotEquals(response, new HttpResponse(200, headers, new byte[0]));
        assertArrayEquals(body, same.getBody());
    }
}
