package dev.cleverkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cleverkit.ApplicationUpdate;
import dev.cleverkit.AsyncClient;
import dev.cleverkit.CleverException;
import dev.cleverkit.ClientOptions;
import dev.cleverkit.NewApplication;
import dev.cleverkit.OAuth1Credentials;
import dev.cleverkit.OAuthDance;
import dev.cleverkit.User;
import dev.cleverkit.Zone;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What issue 22 found missing for Java: checked exceptions declared on the constructors, no
 * overload that can only fail, builders for the records with defaults, CompletableFuture forms
 * of AsyncClient's calls (cancellable), and UniFFI's plumbing out of the public classes.
 */
class JavaApiTest {
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
    void resetStandIn() {
        standIn.reset();
    }

    private static long recorded(String path) {
        return standIn.requests().stream().filter(r -> r.getString("target").split("\\?")[0].equals(path)).count();
    }

    private static AsyncClient asyncClient(ClientOptions options) throws CleverException {
        try (var credentials = new OAuth1Credentials(
                standIn.getConsumerKey(), standIn.getConsumerSecret(), standIn.getToken(), standIn.getTokenSecret())) {
            return AsyncClient.withOauth1(credentials, options);
        }
    }

    /** `catch (CleverException e)` compiles only when the constructor declares it. */
    @Test
    void constructorsDeclareCleverException() {
        try {
            new OAuth1Credentials("", "secret").close();
            fail("an empty consumer key was accepted");
        } catch (CleverException e) {
            assertInstanceOf(CleverException.InvalidInput.class, e);
        }
        try {
            new OAuth1Credentials("", "secret", "token", "tokenSecret").close();
            fail("an empty consumer key was accepted");
        } catch (CleverException e) {
            assertInstanceOf(CleverException.InvalidInput.class, e);
        }
        try {
            new OAuthDance("key", "secret", "https://app.example/callback", null, new ClientOptions(null, null, null, null, -1)).close();
            fail("a negative count was accepted");
        } catch (CleverException e) {
            assertInstanceOf(CleverException.InvalidInput.class, e);
        }
    }

    /** Every public constructor and method of the API that can fail says so to javac. */
    @Test
    void everyCallOfClientDeclaresCleverException() {
        var undeclared = new ArrayList<String>();
        for (var method : dev.cleverkit.Client.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) continue;
            var name = method.getName();
            if (name.contains("$")) continue; // Kotlin internal: not callable from Java source
            if (List.of("close", "destroy", "shutdown", "isClosed", "workerThreads", "toString", "getUniffiIsDestroyed").contains(name)) continue;
            if (!Arrays.asList(method.getExceptionTypes()).contains(CleverException.class)) undeclared.add(name);
        }
        for (Constructor<?> constructor : OAuth1Credentials.class.getConstructors()) {
            if (constructor.isSynthetic() || constructor.getParameterCount() == 0 || constructor.getParameterTypes()[0] != String.class) continue;
            if (!Arrays.asList(constructor.getExceptionTypes()).contains(CleverException.class)) undeclared.add(constructor.toString());
        }
        assertEquals(List.of(), undeclared);
    }

    /** `OAuth1Credentials(key, secret, token)` could only fail (a token needs its secret). */
    @Test
    void noOverloadPassesATokenWithoutItsSecret() throws Exception {
        var arities = Stream.of(OAuth1Credentials.class.getConstructors())
                .filter(c -> !c.isSynthetic() && c.getParameterCount() > 0 && c.getParameterTypes()[0] == String.class)
                .map(Constructor::getParameterCount).sorted().toList();
        assertEquals(List.of(2, 4, 5), arities);
        try (var credentials = new OAuth1Credentials("key", "secret", "token", "tokenSecret")) {
            assertEquals("token", credentials.token());
        }
    }

    @Test
    void recordsWithDefaultsHaveBuilders() {
        var options = new ClientOptions.Builder().workerThreads(4).timeout(Duration.ofSeconds(3)).build();
        assertEquals(new ClientOptions(null, null, null, Duration.ofSeconds(3), null, null, null, null, null, null,
                null, null, null, null, null, 4), options);
        var application = new NewApplication.Builder()
                .name("orders").instanceType("node").instanceVersion("20").instanceVariant("variant-id")
                .maxInstances(3).build();
        assertEquals(new NewApplication("orders", "node", "20", "variant-id"), new NewApplication.Builder()
                .name("orders").instanceType("node").instanceVersion("20").instanceVariant("variant-id").build());
        assertEquals(3, application.getMaxInstances());
        assertEquals("par", application.getZone(), "the API's default, as with the constructor");
        var missing = assertThrows(IllegalStateException.class, () -> new NewApplication.Builder().name("orders").build());
        assertEquals("NewApplication.Builder: instanceType is required", missing.getMessage());
        assertEquals(new ApplicationUpdate(null, null, null, null, null, 3),
                new ApplicationUpdate.Builder().maxInstances(3).build());
    }

    @Test
    void asyncCallsAreCompletableFutures() throws Exception {
        try (var client = asyncClient(new ClientOptions(standIn.getApi(), standIn.getBridge()))) {
            CompletableFuture<User> me = client.myselfFuture();
            CompletableFuture<List<Zone>> zones = client.zonesFuture();
            assertEquals(standIn.getUserId(), me.get(30, TimeUnit.SECONDS).getId());
            assertFalse(zones.get(30, TimeUnit.SECONDS).isEmpty());
            CompletableFuture<Void> nothing = client.removeEnvironmentVariableFuture(standIn.getOrganisationId(), "app_unknown", "NAME");
            var failure = assertThrows(ExecutionException.class, () -> nothing.get(30, TimeUnit.SECONDS));
            assertInstanceOf(CleverException.class, failure.getCause());
        }
    }

    /** Cancelling the future cancels the call: its retry is never sent, and its worker is free. */
    @Test
    void cancellingAFutureStopsTheCallInTheCore() throws Exception {
        // Every /v2/self answers 503 with Retry-After: 3, so the call waits 3 s before its retry.
        standIn.fault("{\"path_prefix\":\"/v2/self\",\"times\":0,\"status\":503,\"retry_after\":\"3\"}");
        var options = new ClientOptions.Builder().apiHost(standIn.getApi()).bridgeHost(standIn.getBridge())
                .retryBaseDelay(Duration.ofMillis(10)).maxRetryWait(Duration.ofSeconds(30)).workerThreads(1).build();
        try (var client = asyncClient(options)) {
            var call = client.myselfFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recorded("/v2/self") == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(1, recorded("/v2/self"));
            assertTrue(call.cancel(true));
            assertThrows(CancellationException.class, call::join);
            // The one worker thread is free long before the 3 s are up: the backoff woke at the cancel.
            long started = System.nanoTime();
            assertFalse(client.zonesFuture().get(1500, TimeUnit.MILLISECONDS).isEmpty());
            System.out.println("JavaApiTest: a call after the cancelled one came back in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            Thread.sleep(3500); // past the Retry-After: a retry would have reached the stand-in by now
            assertEquals(1, recorded("/v2/self"), "a retry was sent after the cancel");
        }
    }

    /**
     * The public classes are the API: none of UniFFI's converters, handle maps, JNA library
     * objects or foreign-future structures. What JNA instantiates or calls by reflection (its
     * structures and callback interfaces) must stay public in the class files.
     */
    @Test
    void thePublicClassesAreTheApi() throws Exception {
        var classes = Path.of(dev.cleverkit.Client.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/cleverkit");
        var publicClasses = new ArrayList<String>();
        try (var files = Files.list(classes)) {
            for (var file : files.map(Path::getFileName).map(Path::toString).sorted().toList()) {
                if (!file.endsWith(".class") || file.contains("$")) continue;
                var name = file.substring(0, file.length() - ".class".length());
                var cls = Class.forName("dev.cleverkit." + name, false, getClass().getClassLoader());
                if (Modifier.isPublic(cls.getModifiers())) publicClasses.add(name);
            }
        }
        System.out.println("JavaApiTest: " + publicClasses.size() + " public classes");
        var plumbing = publicClasses.stream().filter(n -> n.startsWith("FfiConverter") || n.startsWith("UniffiForeignFuture")
                || List.of("UniffiLib", "IntegrityCheckingUniffiLib", "UniffiHandleMap", "UniffiNullRustCallStatusErrorHandler").contains(n)
                || n.startsWith("uniffi")).toList();
        assertEquals(List.of(), plumbing);
        // What stays public beside the API's own types: what JNA builds or calls by reflection
        // (call status, buffers, and two classes per callback interface). The API grows with the
        // description; this does not.
        var forJna = publicClasses.stream().filter(n -> n.startsWith("Uniffi")
                || List.of("RustBuffer", "ForeignBytes", "NoHandle", "Disposable").contains(n)).toList();
        assertTrue(forJna.size() <= 20, forJna.size() + " public classes for JNA: " + forJna);
    }
}
