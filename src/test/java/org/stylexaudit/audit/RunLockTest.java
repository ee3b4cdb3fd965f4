package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void acquire_whileHeld_failsAtOnceWithMessage() throws Exception {
        try (RunLock first = RunLock.acquire(dir)) {
            AuditException e = assertThrows(RunLock.WorkspaceBusyException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("another audit holds the workspace"), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(dir)) {
            assertTrue(Files.exists(dir.resolve(RunLock.FILE_NAME)));
        }
    }

    @Test
    void acquire_heldByOtherProcess_fails() throws Exception {
        // A second JVM holds the lock until its stdin closes; the OS lock must exclude this process too.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path src = dir.resolve("Hold.java");
        Files.writeString(src, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var l = ch.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Process p = new ProcessBuilder(java.toString(), src.toString(), ws.resolve(RunLock.FILE_NAME).toString())
                .redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertTrue("locked".equals(line), "helper said " + line);
            assertThrows(RunLock.WorkspaceBusyException.class, () -> RunLock.acquire(ws));
        } finally {
            p.getOutputStream().close();
            p.waitFor();
        }
        try (RunLock after = RunLock.acquire(ws)) {
            assertTrue(after != null);
        }
    }
}
