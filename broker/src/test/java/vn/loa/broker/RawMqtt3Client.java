package vn.loa.broker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare MQTT 3.1.1 client on a plain socket, for what a library client will not send: a packet over the
 * broker's size limit. Encodes CONNECT and QoS 0 PUBLISH by hand (MQTT 3.1.1 sections 3.1 and 3.3).
 */
final class RawMqtt3Client implements AutoCloseable {
    private final Socket socket;

    private RawMqtt3Client(Socket socket) {
        this.socket = socket;
    }

    static RawMqtt3Client connect(String host, int port, String clientId, String password) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);          // protocol level 3.1.1
        body.write(0b1100_0010); // user name, password, clean session
        body.write(0);
        body.write(60);         // keep-alive seconds
        writeString(body, clientId);
        writeString(body, clientId);
        writeString(body, password);
        writePacket(socket.getOutputStream(), 0x10, body.toByteArray());

        byte[] connack = new byte[4];
        new DataInputStream(socket.getInputStream()).readFully(connack);
        if (connack[0] != 0x20 || connack[3] != 0) {
            socket.close();
            throw new IOException("connection refused, CONNACK return code " + connack[3]);
        }
        return new RawMqtt3Client(socket);
    }

    void publishQos0(String topic, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(payload);
        writePacket(socket.getOutputStream(), 0x30, body.toByteArray());
    }

    /** True when the server closes the connection (end of stream or reset) within the wait. */
    boolean closedByServer(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // Skip anything the server still sends before closing.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void writePacket(OutputStream out, int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.write(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes, 0, bytes.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
