package com.couchcart.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Where a request comes from, as limits count it: an IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber usually holds a whole /64, so single IPv6 addresses are free to rotate). Behind a proxy this is the
 * client's address when {@code quarkus.http.proxy.*} trusts that proxy.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        // host(): an address taken from X-Forwarded-For has no resolved hostAddress().
        String host = remote == null ? null : remote.host();
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.contains(":")) {
            return host;
        }
        try {
            // A literal address: parsed, never looked up.
            byte[] address = InetAddress.getByName(host).getAddress();
            return address.length == 16 ? HexFormat.of().formatHex(address, 0, 8) + "::/64" : host;
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
