package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import jakarta.servlet.http.HttpServletResponse;

/** Sends a WAV file, or one byte range of it (RFC 9110 §14), so that an HTML5 {@code <audio>} element can seek. */
final class AudioStreamer {
    private static final int CHUNK = 64 * 1024;

    private AudioStreamer() {
    }

    static void send(Path file, String rangeHeader, boolean head, HttpServletResponse resp) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            resp.setHeader("Accept-Ranges", "bytes");
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setContentType("audio/wav");
            ByteRange.Result r = ByteRange.parse(rangeHeader, size);
            long first = 0;
            long length = size;
            if (r instanceof ByteRange.Unsatisfiable) {
                resp.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                resp.setHeader("Content-Range", "bytes */" + size);
                resp.setContentLength(0);
                return;
            }
            if (r instanceof ByteRange.Partial p) {
                resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                resp.setHeader("Content-Range", p.range().contentRange(size));
                first = p.range().first();
                length = p.range().length();
            } else {
                resp.setStatus(HttpServletResponse.SC_OK);
            }
            resp.setContentLengthLong(length);
            if (head) {
                return;
            }
            OutputStream out = resp.getOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = first;
            long end = first + length;
            while (pos < end) {
                buf.clear();
                buf.limit((int) Math.min(CHUNK, end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    break; // the file shrank (repair): the client sees a short body
                }
                out.write(buf.array(), 0, n);
                pos += n;
            }
        }
    }
}
