package org.stylexaudit.ingest.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Talks QIDO-RS, WADO-RS and STOW-RS to one DICOMweb base URL (e.g. http://pacs:8042/dicom-web) with optional
 * basic authentication. Responses are size-bounded so a misbehaving archive cannot exhaust memory.
 */
public final class DicomWebClient {

    /** Explicit VR little endian, requested for every WADO-RS fetch so the local reader sees one syntax. */
    public static final String WADO_ACCEPT =
            "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1";
    /** Default bound on one response body. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private final String base;
    private final Credentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final QidoJson qido = new QidoJson();

    /** Creates a client with 30 s timeouts and the default size bound; credentials may be null. */
    public DicomWebClient(String baseUrl, Credentials credentials) {
        this(baseUrl, credentials, Duration.ofSeconds(30), DEFAULT_MAX_BYTES);
    }

    /** Creates a client; credentials may be null (no authentication). */
    public DicomWebClient(String baseUrl, Credentials credentials, Duration timeout, long maxBytes) {
        String b = baseUrl.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        URI u = URI.create(b);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("DICOMweb URL must be http or https: " + u.getScheme());
        }
        if (u.getUserInfo() != null) {
            // Keeps passwords out of URLs, which end up in messages and shell history.
            throw new IllegalArgumentException("put DICOMweb credentials in a file or environment, not in the URL");
        }
        this.base = b;
        this.credentials = credentials;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Returns the base URL (never contains credentials). */
    public String baseUrl() {
        return base;
    }

    /** Finds studies with StudyDate on or after the given day (all studies when since is null). */
    public List<StudyRef> findStudies(LocalDate since) throws DicomWebException {
        String path = "/studies?includefield=00080020&includefield=00100020&includefield=00080050";
        if (since != null) {
            path += "&StudyDate=" + enc(since.format(DateTimeFormatter.BASIC_ISO_DATE) + "-");
        }
        return qido.studies(get(path, "application/dicom+json"));
    }

    /** Lists every study with its instance count, so a caller can tell which studies changed since it last looked. */
    public List<StudyCount> studiesWithCounts() throws DicomWebException {
        return qido.studyCounts(get("/studies?includefield=00080020&includefield=00100020&includefield=00080050"
                + "&includefield=00201208", "application/dicom+json"));
    }

    /** Lists the instances of a study. */
    public List<InstanceRef> instances(String studyUid) throws DicomWebException {
        return qido.instances(get("/studies/" + uid(studyUid) + "/instances", "application/dicom+json"), studyUid);
    }

    /** Fetches one instance as Part 10 bytes in explicit VR little endian. */
    public byte[] fetchInstance(InstanceRef ref) throws DicomWebException {
        String path = "/studies/" + uid(ref.studyUid()) + "/series/" + uid(ref.seriesUid())
                + "/instances/" + uid(ref.sopInstanceUid());
        Response r = send(request(path).header("Accept", WADO_ACCEPT).GET().build(), path);
        List<byte[]> parts = MultipartRelated.parts(r.body, MultipartRelated.boundary(r.contentType));
        if (parts.size() != 1) {
            throw new DicomWebException("WADO-RS " + path + " returned " + parts.size() + " parts, expected 1");
        }
        return parts.get(0);
    }

    /** Stores Part 10 objects with STOW-RS; fails unless the archive accepted every one (HTTP 200). */
    public void store(byte[]... part10) throws DicomWebException {
        String boundary = "stylex-" + UUID.randomUUID();
        byte[] body = MultipartRelated.build(List.of(part10), "application/dicom", boundary);
        String path = "/studies";
        HttpRequest req = request(path)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Response r = send(req, path);
        if (r.status != 200) {
            // 202 means some instances were refused; the archive's JSON says which.
            throw new DicomWebException("STOW-RS " + path + " stored only part of the objects (HTTP " + r.status + ")");
        }
    }

    private byte[] get(String path, String accept) throws DicomWebException {
        return send(request(path).header("Accept", accept).GET().build(), path).body;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (credentials != null) {
            b.header("Authorization", credentials.basicHeader());
        }
        return b;
    }

    private record Response(int status, String contentType, byte[] body) {
    }

    private Response send(HttpRequest req, String path) throws DicomWebException {
        String where = pathOnly(path);
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DicomWebException("cannot reach " + base + where + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomWebException("interrupted while calling " + base + where);
        }
        int status = resp.statusCode();
        try (InputStream in = resp.body()) {
            if (status == 401 || status == 403) {
                throw new DicomWebException("authentication failed for " + base + " (HTTP " + status
                        + "): check the credentials file or " + Credentials.DEFAULT_PREFIX + Credentials.USER_SUFFIX
                        + "/" + Credentials.DEFAULT_PREFIX + Credentials.PASSWORD_SUFFIX);
            }
            if (status < 200 || status >= 300) {
                throw new DicomWebException("DICOMweb " + req.method() + " " + base + where + " failed (HTTP "
                        + status + ")");
            }
            byte[] body = readBounded(in, where);
            return new Response(status, resp.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new DicomWebException("reading " + base + where + " failed: " + e.getClass().getSimpleName());
        }
    }

    private byte[] readBounded(InputStream in, String where) throws IOException, DicomWebException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new DicomWebException("response from " + base + where + " exceeds " + maxBytes + " bytes");
        }
        return body;
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Validates a UID before it goes into a URL path (archives are not trusted to send clean ones). */
    private static String uid(String uid) throws DicomWebException {
        if (uid == null || !uid.matches("[0-9.]{1,64}")) {
            throw new DicomWebException("invalid UID from archive: " + uid);
        }
        return uid;
    }
}
