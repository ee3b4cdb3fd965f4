package org.stylexaudit.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Digests;

/**
 * Turns one walk entry into an {@link Outcome}: reads, recognises, decodes and normalises it and writes the
 * cache image under a temporary name. Touches no database, so several can run in parallel.
 */
final class FileProcessor {

    private final Path cacheDir;
    private final UnaryOperator<String> keyer;
    private final FovNormaliser normaliser;
    private final PlainImageReader plain;
    private final DicomImages dicom;
    private ReadObserver readObserver;

    /**
     * @param cacheDir where temporary cache images are written
     * @param keyer    the workspace's keyed hash ({@code Workspace::key}); thread-safe
     * @param options  the run's options
     */
    FileProcessor(Path cacheDir, UnaryOperator<String> keyer, IngestOptions options) {
        this.cacheDir = cacheDir;
        this.keyer = keyer;
        this.normaliser = new FovNormaliser(options.cacheSize());
        this.plain = new PlainImageReader(options.maxPixels());
        this.dicom = new DicomImages(keyer, options.maxPixels(), options.dicomLimits());
        this.readObserver = (file, attempt) -> { };
    }

    /** Creates a processor that calls {@code observer} after every read (tests change files there). */
    FileProcessor(Path cacheDir, UnaryOperator<String> keyer, IngestOptions options, ReadObserver observer) {
        this(cacheDir, keyer, options);
        this.readObserver = observer;
    }

    /**
     * Processes an entry. {@code knownDigest} is the digest recorded for the same path by an earlier run when
     * that row can be kept as it is; if the content still has that digest the entry is unchanged.
     */
    Outcome process(FolderWalker.Entry e, String knownDigest) {
        String unknown = FileFormat.UNKNOWN.label();
        switch (e.kind()) {
            case LINK_INSIDE:
                // The target is not named: the catalog may be keeping paths only as keyed hashes.
                return Outcome.skipped(e, "symbolic link inside the source: its target is ingested under its own path",
                        "", ImageFacts.formatOnly("link"));
            case LINK_OUTSIDE:
                return Outcome.rejected(e, "symbolic link outside the source: not followed", "",
                        ImageFacts.formatOnly("link"));
            case LINK_BROKEN:
                return Outcome.rejected(e, "broken symbolic link: " + e.detail(), "", ImageFacts.formatOnly("link"));
            case SPECIAL:
                return Outcome.rejected(e, "not a regular file (device, pipe or socket)", "",
                        ImageFacts.formatOnly(unknown));
            case UNREADABLE:
                return Outcome.rejected(e, Reasons.UNREADABLE + e.detail(), "", ImageFacts.formatOnly(unknown));
            case MODEL_BUNDLE:
                // A bundle kept beside the archive (the sample's is) is expected there, like a README.
                return Outcome.skipped(e, "not an image: model bundle folder (bundle.json), not descended", "",
                        ImageFacts.formatOnly(unknown));
            default:
                return processFile(e, knownDigest);
        }
    }

    /**
     * Reads a regular file, retrying once when its size, modification time or identity changed while it was being
     * read (a copy still in progress, an editor saving): the digest and the decoded image must describe the same
     * content. A file that keeps changing, or vanishes, is rejected with that reason and read again next run.
     */
    private Outcome processFile(FolderWalker.Entry e, String knownDigest) {
        FolderWalker.Entry current = e;
        for (int attempt = 0; ; attempt++) {
            Stat before;
            try {
                before = Stat.of(current.file());
            } catch (java.nio.file.NoSuchFileException ex) {
                return vanished(e);
            } catch (IOException ex) {
                return Outcome.rejected(e, Reasons.UNREADABLE + FolderWalker.describe(ex), "",
                        ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
            }
            current = before.applyTo(current);
            Outcome outcome = processStable(current, knownDigest);
            Stat after;
            try {
                readObserver.afterRead(current.file(), attempt);
                after = Stat.of(current.file());
            } catch (java.nio.file.NoSuchFileException ex) {
                discard(outcome);
                return vanished(e);
            } catch (IOException ex) {
                discard(outcome);
                return Outcome.rejected(e, Reasons.UNREADABLE + FolderWalker.describe(ex), "",
                        ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
            }
            if (before.equals(after)) {
                return outcome;
            }
            discard(outcome);
            if (attempt >= 1) {
                return Outcome.rejected(e, Reasons.UNREADABLE + "the file changed while it was being read, twice; it is"
                        + " read again on the next run", "", ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
            }
        }
    }

    private static Outcome vanished(FolderWalker.Entry e) {
        return Outcome.rejected(e, Reasons.UNREADABLE + "the file vanished (deleted or moved) after the folder was "
                + "listed", "", ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
    }

    /** Deletes the temporary cache image of an outcome that will not be recorded. */
    private static void discard(Outcome o) {
        if (o.pendingPng() != null) {
            try {
                Files.deleteIfExists(o.pendingPng());
            } catch (IOException ignored) {
                // a left-over temporary is removed at the next run's start
            }
        }
    }

    /** Size, modification time and identity of a file, read without following links. */
    private record Stat(long size, java.nio.file.attribute.FileTime mtime, Object fileKey) {
        static Stat of(Path file) throws IOException {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new Stat(a.size(), a.lastModifiedTime(), a.fileKey());
        }

        /** Returns the entry with this size and time, so the catalog describes the content that was read. */
        FolderWalker.Entry applyTo(FolderWalker.Entry e) {
            return new FolderWalker.Entry(e.file(), e.relPath(), e.kind(), size, mtime.toMillis(), e.detail());
        }
    }

    /** Called after each read of a file and before its attributes are checked again; a seam for tests. */
    interface ReadObserver {
        /** Observes that {@code file} was read on attempt {@code attempt} (0 first, 1 the retry). */
        void afterRead(Path file, int attempt) throws IOException;
    }

    private Outcome processStable(FolderWalker.Entry e, String knownDigest) {
        if (e.size() == 0) {
            return Outcome.rejected(e, "empty file: 0 bytes", Digests.sha256Hex(new byte[0]),
                    ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
        }
        String digest;
        FileFormat format;
        try {
            digest = Digests.sha256Hex(e.file());
            if (digest.equals(knownDigest)) {
                return Outcome.unchanged(e, digest);
            }
            format = FileFormat.sniff(e.file());
        } catch (IOException ex) {
            return Outcome.rejected(e, Reasons.UNREADABLE + FolderWalker.describe(ex), "",
                    ImageFacts.formatOnly(FileFormat.UNKNOWN.label()));
        }
        try {
            switch (format) {
                case UNKNOWN:
                    if (isSidecarDocument(e.file())) {
                        // Archives carry READMEs, manifests and ground-truth tables beside the images; they are
                        // expected there, so they are catalogued as skipped and do not turn a clean run into exit 3.
                        return Outcome.skipped(e, "not an image: document (" + extension(e.file()) + ")", digest,
                                ImageFacts.formatOnly(format.label()));
                    }
                    return Outcome.rejected(e, "not an image: content is not DICOM, PNG, JPEG or TIFF", digest,
                            ImageFacts.formatOnly(format.label()));
                case DICOM:
                    return dicom.process(e, digest, this);
                default:
                    return processPlain(e, digest, format);
            }
        } catch (OutOfMemoryError oom) {
            // One huge image must not end a nightly run; the heap is free again once its arrays are dropped.
            return Outcome.rejected(e, "too large to decode in the available memory (raise -Xmx)", digest,
                    ImageFacts.formatOnly(format.label()));
        } catch (CacheWriteFailure ex) {
            throw ex;
        } catch (RuntimeException ex) {
            // A decoder bug on one file is that file's rejection, not the end of the run.
            return Outcome.rejected(e, "decoding failed: " + PlainImageReader.firstLine(ex), digest,
                    ImageFacts.formatOnly(format.label()));
        }
    }

    private static final java.util.Set<String> DOCUMENT_EXTENSIONS =
            java.util.Set.of("csv", "json", "md", "txt", "yaml", "yml", "xml", "html", "pdf", "tsv");

    static boolean isSidecarDocument(java.nio.file.Path file) {
        return DOCUMENT_EXTENSIONS.contains(extension(file));
    }

    private static String extension(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private Outcome processPlain(FolderWalker.Entry e, String digest, FileFormat format) {
        ImageFacts facts = ImageFacts.formatOnly(format.label());
        try {
            PlainImageReader.Decoded d = plain.read(e.file(), format);
            facts = new ImageFacts(format.label(), keyer.apply(digest), null, null, null, d.image().getHeight(),
                    d.image().getWidth(), d.frames(), null);
            return accept(e, digest, facts, d.image());
        } catch (UnusableImageException ex) {
            return Outcome.rejected(e, ex.getMessage(), digest, facts);
        } catch (IOException ex) {
            return Outcome.rejected(e, Reasons.UNREADABLE + FolderWalker.describe(ex), digest, facts);
        }
    }

    /** Normalises a decoded image and writes it to a temporary cache file; the catalog writer moves it in place. */
    Outcome accept(FolderWalker.Entry e, String digest, ImageFacts facts, BufferedImage image) {
        try {
            NormalisedImage n = normaliser.normalise(image);
            Path tmp = cacheDir.resolve(FolderIngest.TEMP_PREFIX + UUID.randomUUID() + ".png");
            if (!ImageIO.write(n.image(), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return new Outcome(e, Disposition.ACCEPTED, null, digest, facts, tmp);
        } catch (UnusableImageException ex) {
            return Outcome.rejected(e, ex.getMessage(), digest, facts);
        } catch (IOException ex) {
            // The cache is ours; failing to write it is not the file's fault, so the run stops.
            throw new CacheWriteFailure("cannot write to the cache " + cacheDir + ": "
                    + PlainImageReader.firstLine(ex), ex);
        }
    }

    /** The cache could not be written: a workspace problem that ends the run, unlike any problem of a file. */
    static final class CacheWriteFailure extends java.io.UncheckedIOException {
        private static final long serialVersionUID = 1L;

        CacheWriteFailure(String message, IOException cause) {
            super(message, cause);
        }
    }
}
