package vn.loa.controller.device;

/** Answers what a speaker sends on {@code loa/v1/prov/{serial}/req}. */
@FunctionalInterface
public interface ProvisionRequests {
    void onProvisionRequest(String serial, byte[] payload);
}
