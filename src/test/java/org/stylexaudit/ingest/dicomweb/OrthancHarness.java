package org.stylexaudit.ingest.dicomweb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Debian's Orthanc with the DICOMweb plugin in a private network namespace (loopback only, since Orthanc
 * listens on all interfaces) and runs client code inside that namespace as a child JVM via nsenter.
 * Needs root (or user namespaces), unshare, nsenter and ip.
 */
final class OrthancHarness implements AutoCloseable {

    static final String USER = "audit";
    static final String PASSWORD = "secret";
    static final int HTTP_PORT = 8042;
    static final String PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

    private final Process orthanc;
    private final Path log;

    OrthancHarness(Path dir) throws IOException {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path cfg = dir.resolve("orthanc.json");
        // The namespace is private, so the fixed ports cannot clash with anything else on the machine.
        Files.writeString(cfg, """
                { "Name": "stylex-test", "HttpPort": %d, "DicomPort": 14242,
                  "StorageDirectory": "%s", "IndexDirectory": "%s",
                  "RemoteAccessAllowed": true, "AuthenticationEnabled": true,
                  "RegisteredUsers": { "%s": "%s" },
                  "Plugins": [ "%s" ],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
                """.formatted(HTTP_PORT, storage, storage, USER, PASSWORD, PLUGIN));
        log = dir.resolve("orthanc.log");
        orthanc = new ProcessBuilder("unshare", "-n", "--fork", "sh", "-c",
                "ip link set lo up && exec /usr/sbin/Orthanc \"$0\"", cfg.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Returns the DICOMweb base URL as seen inside the namespace. */
    String dicomWebUrl() {
        return "http://127.0.0.1:" + HTTP_PORT + "/dicom-web";
    }

    /** Runs a main class with the test classpath inside Orthanc's namespace; returns exit code and output. */
    Result runInside(Class<?> main, Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + orthanc.pid() + "/ns/net",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("client in namespace did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out) + "\n--- orthanc log tail ---\n" + logTail());
    }

    String logTail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    record Result(int exitCode, String output) {
    }

    @Override
    public void close() throws InterruptedException {
        // unshare --fork forwards SIGTERM to Orthanc, which shuts down cleanly.
        orthanc.destroy();
        if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
            orthanc.descendants().forEach(ProcessHandle::destroyForcibly);
            orthanc.destroyForcibly();
            orthanc.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
