package com.couchcart.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * A TCP pass-through on loopback that a test can cut, to see what the service does when a dependency goes away
 * and comes back. While {@code cut} says so, new connections are closed at once and open ones at their next
 * packet, as a dead peer would.
 */
public final class TcpProxy {

    private final ServerSocket server;
    private final String upstreamHost;
    private final IntSupplier upstreamPort;
    private final BooleanSupplier cut;

    private TcpProxy(String upstreamHost, IntSupplier upstreamPort, BooleanSupplier cut) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.cut = cut;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TcpProxy to(String host, int port, BooleanSupplier cut) {
        return to(host, () -> port, cut);
    }

    /** A proxy to an upstream whose port is known only later (when the first connection comes). */
    public static TcpProxy to(String host, IntSupplier port, BooleanSupplier cut) {
        try {
            return new TcpProxy(host, port, cut);
        } catch (IOException e) {
            throw new IllegalStateException("Could not open a proxy port", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut.getAsBoolean()) {
                    close(client);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(upstreamHost, upstreamPort.getAsInt());
                } catch (IOException e) {
                    close(client); // as a refused connection would be
                    continue;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // The next connection gets its own chance.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0 && !cut.getAsBoolean(); read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: so does the other.
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
