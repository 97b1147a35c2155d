package vn.loa.controller.stream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import vn.loa.controller.http.ApiException;

/**
 * A static listener's address, checked: a resolvable host that is not a wildcard, and a real port. A multicast group
 * is a LAN output: the streamer sends each packet to it once, for every member.
 */
final class ListenerAddress {
    static final int MAX_HOST_LENGTH = 253;

    private ListenerAddress() {
    }

    static InetSocketAddress of(String host, Integer port) {
        if (host == null || host.isBlank() || host.length() > MAX_HOST_LENGTH) {
            throw invalid("host must be an address or host name of at most " + MAX_HOST_LENGTH + " characters");
        }
        if (port == null || port < 1 || port > 65_535) {
            throw invalid("port must be within 1..65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host.strip());
        } catch (UnknownHostException e) {
            throw invalid("host " + host + " does not resolve");
        }
        if (address.isAnyLocalAddress()) {
            throw invalid("host must be a receiver's address, not a wildcard");
        }
        return new InetSocketAddress(address, port);
    }

    /** Reads {@code host:port} or {@code [v6-address]:port}. */
    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid("listener must be host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return of(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw invalid("listener must be host:port");
        }
    }

    private static ApiException invalid(String rule) {
        return ApiException.badRequest("invalid listener address", rule);
    }
}
