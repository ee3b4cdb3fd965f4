package org.stylexaudit.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the workspace's audit lock. The lock is an OS file lock ({@link FileChannel#tryLock}), so the OS releases
 * it when the process dies and a kill -9 never leaves a stale lock; the file itself may stay and means nothing.
 */
public final class RunLock implements AutoCloseable {

    /** Name of the lock file inside the workspace. */
    public static final String FILE_NAME = "audit.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at once or fails with a message saying another audit holds the workspace. */
    public static RunLock acquire(Path workspace) throws AuditException {
        Path file = workspace.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(workspace);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM: the same answer as another process holding it
            }
            if (l == null) {
                ch.close();
                throw new WorkspaceBusyException(workspace);
            }
            return new RunLock(ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new AuditException("cannot lock workspace " + workspace + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws AuditException {
        try {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new AuditException("cannot release the workspace lock: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
        }
    }

    /** Signals that another audit holds the workspace lock. */
    public static final class WorkspaceBusyException extends AuditException {

        private static final long serialVersionUID = 1L;

        /** Creates the exception naming the workspace. */
        public WorkspaceBusyException(Path workspace) {
            super("another audit holds the workspace " + workspace + " (lock " + FILE_NAME
                    + "); not started");
        }
    }
}
