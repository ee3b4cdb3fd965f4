package org.stylexaudit.ingest;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists every entry of a folder tree without following symbolic links, so nothing outside the source is read
 * and link cycles cannot loop. Links are reported as entries of their own, classified by where they point.
 */
final class FolderWalker {

    /** What an entry is. */
    enum Kind {
        /** A regular file, to be recognised and ingested. */
        FILE,
        /** A symbolic link whose target lies inside the source; the target is ingested under its own path. */
        LINK_INSIDE,
        /** A symbolic link pointing outside the source; not followed. */
        LINK_OUTSIDE,
        /** A symbolic link whose target does not exist (or loops). */
        LINK_BROKEN,
        /** A device, pipe or socket; never opened, because reading a pipe can block for ever. */
        SPECIAL,
        /** A folder or file whose attributes or listing could not be read. */
        UNREADABLE,
        /**
         * A folder holding a model bundle ({@code bundle.json}): its contact sheet and ONNX files are not patient
         * images, so the folder is listed once and not descended.
         */
        MODEL_BUNDLE
    }

    /**
     * One entry of the tree.
     *
     * @param file    absolute path
     * @param relPath path relative to the source root with {@code /} separators, as stored in the catalog
     * @param kind    what the entry is
     * @param size    size in bytes of the entry itself (the link, not its target)
     * @param mtime   modification time in milliseconds since the epoch
     * @param detail  for links the target relative to the root, for unreadable entries the error
     */
    record Entry(Path file, String relPath, Kind kind, long size, long mtime, String detail) {
    }

    /** The file that marks a folder as a model bundle (see {@code engine.BundleManifest}). */
    static final String BUNDLE_MANIFEST = "bundle.json";

    private final Path root;

    /** Creates a walker over {@code root}, which must be a real (link-free) absolute path. */
    FolderWalker(Path root) {
        this.root = root;
    }

    /** Returns every entry below the root, sorted by relative path so runs and catalogs are reproducible. */
    List<Entry> walk() throws IOException {
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                        if (!dir.equals(root) && Files.isRegularFile(dir.resolve(BUNDLE_MANIFEST),
                                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            out.add(new Entry(dir, rel(dir) + "/", Kind.MODEL_BUNDLE, 0,
                                    a.lastModifiedTime().toMillis(), null));
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        out.add(entry(file, a));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        out.add(new Entry(file, rel(file), Kind.UNREADABLE, 0, 0, describe(e)));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) {
                            // The folder was opened but listing it failed part way.
                            out.add(new Entry(dir, rel(dir) + "/", Kind.UNREADABLE, 0, 0, describe(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        out.sort(Comparator.comparing(Entry::relPath));
        return out;
    }

    private Entry entry(Path file, BasicFileAttributes a) {
        long mtime = a.lastModifiedTime().toMillis();
        if (a.isRegularFile()) {
            return new Entry(file, rel(file), Kind.FILE, a.size(), mtime, null);
        }
        if (!a.isSymbolicLink()) {
            return new Entry(file, rel(file), Kind.SPECIAL, a.size(), mtime, null);
        }
        try {
            Path target = file.toRealPath();
            if (target.startsWith(root)) {
                return new Entry(file, rel(file), Kind.LINK_INSIDE, a.size(), mtime, rel(target));
            }
            return new Entry(file, rel(file), Kind.LINK_OUTSIDE, a.size(), mtime, null);
        } catch (NoSuchFileException e) {
            return new Entry(file, rel(file), Kind.LINK_BROKEN, a.size(), mtime, "target does not exist");
        } catch (IOException e) {
            return new Entry(file, rel(file), Kind.LINK_BROKEN, a.size(), mtime, describe(e));
        }
    }

    private String rel(Path p) {
        Path r = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path part : r) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** Describes an I/O error without the absolute path, which the catalog already has in relative form. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
