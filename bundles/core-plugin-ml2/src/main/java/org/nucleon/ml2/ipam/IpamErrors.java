package org.nucleon.ml2.ipam;

import org.nucleon.api.error.NeutronException;

/** Neutron's IPAM and subnet exceptions: type, status and message as Neutron renders them. */
public final class IpamErrors {
    private IpamErrors() {
    }

    /** neutron_lib BadRequest: "Bad %(resource)s request: %(msg)s." */
    public static NeutronException badRequest(String resource, String msg) {
        return new NeutronException(400, "BadRequest", "Bad " + resource + " request: " + msg + ".");
    }

    public static NeutronException ipAlreadyAllocated(String ip, String subnetId) {
        return NeutronException.conflict("IpAddressAlreadyAllocated",
                "IP address " + ip + " already allocated in subnet " + subnetId);
    }

    public static NeutronException generationFailure(String networkId) {
        return NeutronException.conflict("IpAddressGenerationFailure",
                "No more IP addresses available on network " + networkId + ".");
    }

    public static NeutronException invalidIpForSubnet(String ip) {
        return new NeutronException(400, "InvalidIpForSubnet",
                "IP address " + ip + " is not a valid IP for the specified subnet.");
    }

    public static NeutronException invalidIpForNetwork(String ip) {
        return new NeutronException(400, "InvalidIpForNetwork",
                "IP address " + ip + " is not a valid IP for any of the subnets on the specified network.");
    }

    public static NeutronException allocationOnAutoAddressSubnet(String ip, String subnetId) {
        return new NeutronException(400, "AllocationOnAutoAddressSubnet", "IPv6 address " + ip
                + " cannot be directly assigned to a port on subnet " + subnetId
                + " as the subnet is configured for automatic addresses");
    }

    public static NeutronException noMatchingServiceSubnet(String networkId, String serviceType) {
        return new NeutronException(400, "IpAddressGenerationFailureNoMatchingSubnet",
                "No valid service subnet for the given device owner, network " + networkId + ", service type "
                        + serviceType + ".");
    }

    public static NeutronException subnetInUse(String subnetId) {
        return NeutronException.conflict("SubnetInUse", "Unable to complete operation on subnet " + subnetId
                + ": One or more ports have an IP allocation from this subnet.");
    }

    /** "%(attr)s '%(ip)s' does not match the ip_version '%(ip_version)s'" (InvalidInput). */
    public static NeutronException versionMismatch(String attr, String value, int ipVersion) {
        return NeutronException.invalidInput(
                attr + " '" + value + "' does not match the ip_version '" + ipVersion + "'");
    }
}
