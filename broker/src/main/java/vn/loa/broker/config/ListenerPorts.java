package vn.loa.broker.config;

import vn.loa.broker.BrokerStartException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * The ports the listeners will use. HiveMQ cannot report the port it picked for a configured 0, so a free port is
 * picked here first; a configured port is checked free, so a busy one fails with a clear message instead of a
 * listener that silently never starts.
 *
 * @param tlsPort -1 when the TLS listener is disabled
 */
public record ListenerPorts(int mqttPort, int tlsPort) {
    public static final int DISABLED = -1;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    public static ListenerPorts resolve(String bindAddress, int mqttPort, int tlsPort) {
        InetAddress address = address(bindAddress);
        // Both sockets stay open until both ports are known, so two picks cannot land on the same port.
        try (ServerSocket mqtt = claim(address, mqttPort, "MQTT");
             ServerSocket tls = tlsPort == DISABLED ? null : claim(address, tlsPort, "MQTT over TLS")) {
            return new ListenerPorts(mqtt.getLocalPort(), tls == null ? DISABLED : tls.getLocalPort());
        } catch (IOException e) {
            throw new BrokerStartException("Cannot release a probed port: " + e.getMessage(), e);
        }
    }

    public boolean tlsEnabled() {
        return tlsPort != DISABLED;
    }

    /** Checks that every listener accepts TCP connections now. */
    public void requireAccepting(String bindAddress) {
        requireAccepting(bindAddress, mqttPort, "MQTT");
        if (tlsEnabled()) {
            requireAccepting(bindAddress, tlsPort, "MQTT over TLS");
        }
    }

    private static void requireAccepting(String bindAddress, int port, String listener) {
        InetAddress address = address(bindAddress);
        InetAddress target = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, port), (int) PROBE_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new BrokerStartException("The " + listener + " listener on " + bindAddress + ":" + port
                    + " does not accept connections: " + e.getMessage(), e);
        }
    }

    private static ServerSocket claim(InetAddress address, int port, String listener) {
        if (port < 0 || port > 65_535) {
            throw new BrokerStartException("Invalid " + listener + " port " + port);
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
            return socket;
        } catch (IOException e) {
            closeAfterFailure(socket, e);
            throw new BrokerStartException("The " + listener + " port " + address.getHostAddress() + ":" + port
                    + " is not available (is another broker running?): " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(ServerSocket socket, IOException failure) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new BrokerStartException("Invalid MQTT bind address '" + bindAddress + "'", e);
        }
    }
}
