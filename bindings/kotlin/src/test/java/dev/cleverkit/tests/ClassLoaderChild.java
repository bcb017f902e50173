package dev.cleverkit.tests;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The child JVM of {@code ClassLoaderLeakTest}: an application server redeploying. Loads the
 * library, JNA, kotlin-stdlib and kotlinx-coroutines (this JVM's class path) in GENERATIONS
 * fresh class loaders one after the other, runs {@link LoaderWorkload} in each, drops it,
 * forces GC, then prints one line of figures: `loaders alive N`, `classes N`, `threads N`
 * (worker threads of the native library excluded: they end after a minute without work),
 * `mapped N` (copies of the native libraries mapped), `rss N` (MB). Uses no class of the library
 * itself: it must not be loaded by this JVM's own class loader.
 */
public final class ClassLoaderChild {
    private ClassLoaderChild() {}

    static void collect() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    static String figures(List<WeakReference<ClassLoader>> loaders) throws Exception {
        collect();
        long alive = loaders.stream().filter(r -> r.get() != null).count();
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("cleverkit-worker")).count();
        var mapped = new HashSet<String>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash > 0 && (line.contains("jna") || line.contains("cleverkit_ffi"))) mapped.add(line.substring(slash));
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return "loaders alive " + alive + ", classes " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
                + ", threads " + threads + ", mapped " + mapped.size() + ", rss " + rss;
    }

    public static void main(String[] args) throws Exception {
        int generations = Integer.parseInt(args[0]);
        var urls = new ArrayList<URL>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        var loaders = new ArrayList<WeakReference<ClassLoader>>();
        System.out.println("before: " + figures(loaders));
        for (int generation = 1; generation <= generations; generation++) {
            var loader = new URLClassLoader("generation-" + generation, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            var work = (Callable<String>) loader.loadClass("dev.cleverkit.tests.LoaderWorkload").getDeclaredConstructor().newInstance();
            String result = work.call();
            loader.close();
            loaders.add(new WeakReference<>(loader));
            if (generation == 1) System.out.println("generation 1: " + result + " | " + figures(loaders));
        }
        System.out.println("after " + generations + ": " + figures(loaders));
        var names = new java.util.TreeMap<String, Integer>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) names.merge(thread.getName().replaceAll("-?\\d+$", ""), 1, Integer::sum);
        System.out.println("threads by name: " + names);
    }
}
