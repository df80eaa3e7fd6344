package dev.palette.sdk.core.preflight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP CONNECT proxy on loopback for the tests. It decides by the first word of the requested name:
 * <ul>
 *   <li>{@code open…} — tunnels to a local echo server and answers 200;</li>
 *   <li>{@code blocked…} — answers 403 Forbidden;</li>
 *   <li>{@code auth…} — answers 407 unless the expected basic credentials are sent, then tunnels;</li>
 *   <li>{@code negotiate…} — answers 407 offering only Negotiate;</li>
 *   <li>{@code silent…} — never answers;</li>
 *   <li>{@code gone…} — its tunnel target refuses, so it answers 502 Bad Gateway;</li>
 *   <li>{@code garbage…} — answers a line that is not HTTP;</li>
 *   <li>{@code pair…} — waits until a second request is waiting too (proves parallelism), then gives a third
 *       200 ms to arrive (it would show more parallelism than allowed), then tunnels;</li>
 *   <li>anything else — 403.</li>
 * </ul>
 * Nothing is ever resolved or reached outside loopback.
 */
final class TestConnectProxy implements AutoCloseable {
    /** One CONNECT request as the proxy received it. */
    record Request(String line, Map<String, String> headers) {
    }

    private final ServerSocket server;
    private final ServerSocket echo;
    private final int refusingPort;
    private final String expectedAuthorization;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** CONNECT requests waiting for their answer; guarded by {@code this}. */
    private int waiting;
    private int maxWaiting;

    /**
     * Starts the proxy, its echo server and a port that refuses.
     *
     * @param user the user name {@code auth…} names expect
     * @param password the password {@code auth…} names expect
     */
    TestConnectProxy(String user, String password) throws IOException {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = listen();
        this.echo = listen();
        this.refusingPort = closedPort();
        threads.execute(() -> acceptLoop(server, this::serve));
        threads.execute(() -> acceptLoop(echo, this::echo));
    }

    /** A loopback port nothing listens on: opened, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket s = listen()) {
            return s.getLocalPort();
        }
    }

    /** The port of a local server that accepts connections and echoes what it reads. */
    int echoPort() {
        return echo.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most CONNECT requests that were waiting for their answer at the same time. */
    synchronized int maxWaiting() {
        return maxWaiting;
    }

    @Override
    public void close() throws IOException {
        server.close();
        echo.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private interface Handler {
        void handle(Socket s) throws Exception;
    }

    private void acceptLoop(ServerSocket listening, Handler handler) {
        while (!listening.isClosed()) {
            try {
                Socket s = listening.accept();
                sockets.add(s);
                threads.execute(() -> {
                    try (s) {
                        handler.handle(s);
                    } catch (Exception ignored) {
                        // the client went away, or the proxy is closing
                    } finally {
                        sockets.remove(s);
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void echo(Socket s) throws IOException {
        s.getInputStream().transferTo(s.getOutputStream());
    }

    private void serve(Socket client) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String line = in.readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        requests.add(new Request(line, headers));
        arrived();
        String name = line.split(" ")[1];
        OutputStream out = client.getOutputStream();
        if (name.startsWith("open")) {
            tunnel(client, in, echoPort());
        } else if (name.startsWith("auth")) {
            if (expectedAuthorization.equals(headers.get("Proxy-Authorization"))) {
                tunnel(client, in, echoPort());
            } else {
                answer(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n");
            }
        } else if (name.startsWith("negotiate")) {
            answer(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\n\r\n");
        } else if (name.startsWith("silent")) {
            in.read(); // holds the connection until the client gives up
            answered();
        } else if (name.startsWith("gone")) {
            tunnel(client, in, refusingPort);
        } else if (name.startsWith("garbage")) {
            answer(out, "SSH-2.0-OpenSSH_9.6\r\n");
        } else if (name.startsWith("pair")) {
            awaitWaiting(2, 10_000);
            awaitWaiting(3, 200);
            tunnel(client, in, echoPort());
        } else {
            answer(out, "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nnot on the whitelist");
        }
    }

    private synchronized void arrived() {
        waiting++;
        maxWaiting = Math.max(maxWaiting, waiting);
        notifyAll();
    }

    private synchronized void answered() {
        waiting--;
    }

    /** Waits, at most the bound, until this many requests wait for their answer at once. */
    private synchronized void awaitWaiting(int count, long boundMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        for (long left = boundMillis; waiting < count && left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
            wait(left);
        }
    }

    /** Stops counting the request as waiting before answering, so the count never overlaps the client's next one. */
    private void answer(OutputStream out, String text) throws IOException {
        answered();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void tunnel(Socket client, BufferedReader clientIn, int targetPort) throws Exception {
        Socket target = new Socket();
        try (target) {
            try {
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
            } catch (IOException refused) {
                answer(client.getOutputStream(), "HTTP/1.1 502 Bad Gateway\r\n\r\n");
                return;
            }
            answer(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
            InputStream fromTarget = target.getInputStream();
            threads.execute(() -> copy(fromTarget, client));
            for (int c = clientIn.read(); c >= 0; c = clientIn.read()) {
                target.getOutputStream().write(c);
            }
        }
    }

    private static void copy(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // one side closed the tunnel
        }
    }
}
