package dev.palette.sdk.core.preflight.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The status line and the headers a proxy answers to {@code CONNECT}, read under a deadline. The body, if
 * any, is never read: only the status and the authentication schemes offered are kept.
 *
 * @param status the HTTP status code
 * @param phrase the reason phrase, printable ASCII only; the standard one when the proxy sent none
 * @param authSchemes the schemes of the {@code Proxy-Authenticate} headers, e.g. {@code Basic}, {@code Negotiate}
 */
record ProxyAnswer(int status, String phrase, List<String> authSchemes) {
    /** A proxy's header block is small; a larger one is not a proxy talking. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Keeps a hostile or broken proxy's reason phrase from flooding a report. */
    private static final int MAX_PHRASE = 80;
    private static final Map<Integer, String> STANDARD = Map.of(
            200, "Connection established", 400, "Bad Request", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 407, "Proxy Authentication Required", 500, "Internal Server Error",
            502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout");

    /**
     * Reads the answer.
     *
     * @param socket the connection to the proxy, request already sent
     * @param in the socket's input, buffered
     * @param deadlineNanos {@link System#nanoTime()} by which the whole header block must have arrived
     * @return the answer
     * @throws SocketTimeoutException when the deadline passes first
     * @throws ProtocolException when the proxy answers something that is not HTTP, or nothing
     * @throws IOException when the connection fails
     */
    static ProxyAnswer read(Socket socket, InputStream in, long deadlineNanos) throws IOException {
        String statusLine = readLine(socket, in, deadlineNanos, true);
        String[] parts = statusLine.split(" ", 3);
        if (!parts[0].startsWith("HTTP/") || parts.length < 2 || !parts[1].matches("\\d{3}")) {
            throw new ProtocolException("proxy answered something that is not HTTP");
        }
        int status = Integer.parseInt(parts[1]);
        List<String> schemes = new ArrayList<>();
        int total = statusLine.length();
        for (String line = readLine(socket, in, deadlineNanos, false); !line.isEmpty();
                line = readLine(socket, in, deadlineNanos, false)) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new ProtocolException("proxy answered a header block larger than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Proxy-Authenticate")) {
                String value = line.substring(colon + 1).trim();
                int space = value.indexOf(' ');
                schemes.add(printable(space < 0 ? value : value.substring(0, space)));
            }
        }
        String phrase = parts.length == 3 ? printable(parts[2]) : "";
        return new ProxyAnswer(status, phrase.isEmpty() ? STANDARD.getOrDefault(status, "") : phrase, List.copyOf(schemes));
    }

    /**
     * Whether the proxy offers basic authentication, or offered no scheme at all.
     *
     * @return {@code false} only when the proxy named schemes and Basic is not among them
     */
    boolean offersBasic() {
        return authSchemes.isEmpty() || authSchemes.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals("basic"));
    }

    /**
     * Status and phrase, e.g. {@code 403 Forbidden}.
     *
     * @return the status in words
     */
    String statusText() {
        return phrase.isEmpty() ? String.valueOf(status) : status + " " + phrase;
    }

    /** Reads one line (without its CR LF); the end of the stream ends the header block. */
    private static String readLine(Socket socket, InputStream in, long deadlineNanos, boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remaining <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            // A fresh timeout for each read keeps a proxy that drips bytes within the deadline too.
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
            int b = in.read();
            if (b < 0) {
                if (first && line.size() == 0) {
                    throw new ProtocolException("proxy closed the connection without answering");
                }
                return line.toString(StandardCharsets.ISO_8859_1).strip();
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).strip();
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new ProtocolException("proxy answered a line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().filter(c -> c >= 0x20 && c < 0x7f).limit(MAX_PHRASE).forEach(c -> out.append((char) c));
        return out.toString().strip();
    }
}
