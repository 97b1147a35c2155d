package vn.loa.sim;

import java.util.Random;

/** Plausible radio signal (dBm) and board temperature (°C) that drift a little between reports. */
final class TelemetrySampler {
    static final int SIGNAL_MIN_DBM = -113;
    static final int SIGNAL_MAX_DBM = -51;
    static final double TEMPERATURE_MIN_C = 20;
    static final double TEMPERATURE_MAX_C = 70;

    private final Random random;
    private int signal;
    private double temperature;

    TelemetrySampler(Random random) {
        this.random = random;
        this.signal = -95 + random.nextInt(30);
        this.temperature = 35 + random.nextDouble() * 10;
    }

    synchronized int nextSignal() {
        signal = (int) clamp(signal + random.nextInt(7) - 3, SIGNAL_MIN_DBM, SIGNAL_MAX_DBM);
        return signal;
    }

    synchronized double nextTemperature() {
        temperature = clamp(temperature + (random.nextDouble() - 0.5), TEMPERATURE_MIN_C, TEMPERATURE_MAX_C);
        return Math.round(temperature * 10) / 10.0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
