package vn.loa.sim.mqtt;

import org.eclipse.paho.mqttv5.common.MqttException;

/** Reads a failed connect: did the broker refuse who we are (retrying with the same secret cannot help)? */
public final class ConnectRefusal {
    /** CONNACK reason codes of MQTT 5 (and Paho's codes for the 3.1.1 equivalents). */
    private static final int BAD_USERNAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BANNED = 0x8A;
    private static final int PAHO_FAILED_AUTHENTICATION = 4;
    private static final int PAHO_NOT_AUTHORIZED = 5;

    private ConnectRefusal() {
    }

    public static boolean isCredentialRefusal(Throwable failure) {
        if (!(failure instanceof MqttException e)) {
            return false;
        }
        int code = e.getReasonCode();
        return code == BAD_USERNAME_OR_PASSWORD || code == NOT_AUTHORIZED || code == BANNED
                || code == PAHO_FAILED_AUTHENTICATION || code == PAHO_NOT_AUTHORIZED;
    }
}
