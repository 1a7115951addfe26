package io.crosscheck.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * This process's name among the instances sharing one database: the owner written on every lease and job it claims.
 * {@code crosscheck.instance-id} when set, else the host name and a random suffix, so that a restarted process (or a
 * second replica on the same host) never takes itself for the one that held a lease before.
 */
@Singleton
public class InstanceId {

    /** The owner columns (V27__leases.sql) are 200 characters; a generated id stays well under. */
    public static final int MAX_LENGTH = 200;

    private static final int HOST_CHARS = 60;

    private final String value;

    @Inject
    public InstanceId(CrosscheckConfig config) {
        this(config.instanceId());
    }

    InstanceId(Optional<String> configured) {
        String id = configured.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(InstanceId::generated);
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("crosscheck.instance-id has " + id.length() + " characters; the limit is "
                    + MAX_LENGTH);
        }
        this.value = id;
    }

    /** A given id: another instance's, as tests that run two instances in one process name it. */
    public static InstanceId of(String id) {
        return new InstanceId(Optional.of(id));
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    static String generated() {
        String host = hostName();
        host = host.length() > HOST_CHARS ? host.substring(0, HOST_CHARS) : host;
        return host + "-" + UUID.randomUUID();
    }

    private static String hostName() {
        // Kubernetes and Docker set HOSTNAME to the pod or container name; the resolver may be slow or absent there
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "crosscheck";
        }
    }
}
