package corp.example.ocsp.store.crl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a CRL comes from, asked again only for what changed: a file (read when a stat says its
 * time, size or inode changed) or an HTTP(S) URL (a conditional GET with the last answer's ETag
 * and Last-Modified: 304 is "unchanged"). Called from one thread.
 */
abstract sealed class CrlFetch permits CrlFetch.FromFile, CrlFetch.FromUrl {

    /** {@code location} as configured: an http:// or https:// URL, else a file. */
    static CrlFetch of(String location, Duration timeout) {
        return location.startsWith("http://") || location.startsWith("https://")
                ? new FromUrl(URI.create(location), timeout)
                : new FromFile(Path.of(location));
    }

    /** Its file or URL, for messages. */
    abstract String where();

    /** True for a URL (asked less often than a file is stat'ed). */
    abstract boolean remote();

    /**
     * The content, if it changed since the last call (the first call always reads).
     *
     * @throws CrlException naming the file or URL when it cannot be read
     */
    abstract Optional<byte[]> ifChanged();

    static final class FromFile extends CrlFetch {
        private final Path file;
        private List<Object> last;

        FromFile(Path file) {
            this.file = file;
        }

        @Override
        String where() {
            return file.toString();
        }

        @Override
        boolean remote() {
            return false;
        }

        @Override
        Optional<byte[]> ifChanged() {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                List<Object> stat = java.util.Arrays.asList(a.lastModifiedTime(), a.size(), a.fileKey());
                if (stat.equals(last)) {
                    return Optional.empty();
                }
                byte[] content = Files.readAllBytes(file);
                last = stat;
                return Optional.of(content);
            } catch (NoSuchFileException e) {
                throw new CrlException(file + ": no such file");
            } catch (IOException e) {
                throw new CrlException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    static final class FromUrl extends CrlFetch {
        private final URI uri;
        private final Duration timeout;
        private final HttpClient http;
        private String etag;
        private String lastModified;

        FromUrl(URI uri, Duration timeout) {
            this.uri = uri;
            this.timeout = timeout;
            this.http = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }

        @Override
        String where() {
            return uri.toString();
        }

        @Override
        boolean remote() {
            return true;
        }

        @Override
        Optional<byte[]> ifChanged() {
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (etag != null) {
                req.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                req.header("If-Modified-Since", lastModified);
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new CrlException(uri + ": cannot fetch: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrlException(uri + ": interrupted while fetching", e);
            }
            if (r.statusCode() == 304) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new CrlException(uri + ": answered HTTP " + r.statusCode() + " instead of the CRL");
            }
            etag = r.headers().firstValue("ETag").orElse(null);
            lastModified = r.headers().firstValue("Last-Modified").orElse(null);
            return Optional.of(r.body());
        }
    }
}
