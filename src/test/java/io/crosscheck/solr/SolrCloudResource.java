package io.crosscheck.solr;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the service on {@code crosscheck.search.engine=solr} against a 2-node SolrCloud. One cluster serves every test
 * class of the JVM (started on first use, stopped when the JVM ends): each start costs seconds, and the collection
 * the service creates is reconciled with the database at each service start anyway.
 */
public class SolrCloudResource implements QuarkusTestResourceLifecycleManager {

    public static final int NODES = 2;
    public static final String COLLECTION = "crosscheck";
    public static final int SHARDS = 2;
    public static final int REPLICAS = 2;

    private static SolrCloudProcess cluster;

    /** The shared cluster, started on first call. */
    public static synchronized SolrCloudProcess cluster() {
        if (cluster == null) {
            cluster = SolrCloudProcess.start(NODES);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "crosscheck.search.engine", "solr",
                "crosscheck.search.solr.urls", String.join(",", cluster().urls()),
                "crosscheck.search.solr.collection", COLLECTION,
                "crosscheck.search.solr.shards", Integer.toString(SHARDS),
                "crosscheck.search.solr.replicas", Integer.toString(REPLICAS),
                "crosscheck.search.solr.timeout", "5s",
                // tests tamper with the index and reconcile at once: no write is left for a later run
                "crosscheck.search.reconcile-grace", "0s");
    }

    @Override
    public void stop() {
        // the cluster outlives the service: see the class comment
    }
}
