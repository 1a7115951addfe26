package io.crosscheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The files under deployment/ cannot be run here (no Docker engine, no Kubernetes cluster), so what can be checked
 * without them is checked: every YAML file parses, and the files agree with each other and with the application.
 * Probes reach declared ports and the service's real health paths, selectors match pod labels, Compose services
 * reference defined volumes and services, the load balancer checks the instances it balances, and every
 * {@code CROSSCHECK_*} variable names a declared configuration property, with a value of the property's type.
 * Plain JUnit: nothing is started.
 */
class DeploymentFilesTest {

    static final Path DEPLOYMENT = Path.of("deployment");
    static final Path KUBERNETES = DEPLOYMENT.resolve("kubernetes");
    static final Path COMPOSE = DEPLOYMENT.resolve("docker-compose.yml");
    static final Path HAPROXY = DEPLOYMENT.resolve("haproxy/haproxy.cfg");
    static final String CROSSCHECK_IMAGE = "crosscheck/crosscheck-jvm";

    // ---- every file ----

    @Test
    void everyYamlFileUnderDeploymentParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOYMENT)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() >= 9, "YAML files found: " + files);
        for (Path file : files) {
            List<Object> documents = loadAll(file);
            assertFalse(documents.isEmpty(), file + " holds no document");
            documents.forEach(d -> assertTrue(d instanceof Map, file + ": a document is not a mapping"));
        }
    }

    // ---- Kubernetes ----

    @Test
    void kustomizationListsEveryManifestOfItsDirectory() throws IOException {
        List<String> listed = strings(kustomization(KUBERNETES).get("resources"));
        Set<String> present;
        try (Stream<Path> list = Files.list(KUBERNETES)) {
            present = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, new TreeSet<>(listed));
    }

    @Test
    void probesUseTheManagementPortAndTheServiceHealthPaths() throws IOException {
        Map<String, Object> container = container(deployment());
        Map<String, Integer> ports = containerPorts(container);
        assertEquals(applicationPort("quarkus.http.port"), ports.get("http"));
        assertEquals(applicationPort("quarkus.management.port"), ports.get("management"));

        Map<String, String> expectedPaths = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        expectedPaths.forEach((probe, path) -> {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertEquals(path, httpGet.get("path"), probe);
            assertEquals(applicationPort("quarkus.management.port"), resolvePort(ports, httpGet.get("port")), probe);
        });
    }

    @Test
    void serviceSelectsThePodsAndExposesOnlyThePublicPort() throws IOException {
        Map<String, Object> deployment = deployment();
        Map<String, Object> service = manifest("Service");
        assertSelects(map(map(service.get("spec")).get("selector")), deployment, "Service");
        Map<String, Integer> ports = containerPorts(container(deployment));
        for (Object port : list(map(service.get("spec")).get("ports"))) {
            assertEquals(applicationPort("quarkus.http.port"), resolvePort(ports, map(port).get("targetPort")),
                    "the Service exposes the public port only, never the management interface");
        }
    }

    @Test
    void disruptionBudgetAndSpreadSelectTheReplicasAndLeaveRoomToEvictOne() throws IOException {
        Map<String, Object> deployment = deployment();
        int replicas = (Integer) map(deployment.get("spec")).get("replicas");
        assertTrue(replicas >= 3, "replicas: " + replicas);

        Map<String, Object> pdb = map(manifest("PodDisruptionBudget").get("spec"));
        assertSelects(map(map(pdb.get("selector")).get("matchLabels")), deployment, "PodDisruptionBudget");
        int minAvailable = (Integer) pdb.get("minAvailable");
        assertTrue(minAvailable >= 2 && minAvailable < replicas, "minAvailable " + minAvailable + " of " + replicas);

        Map<String, Object> podSpec = podSpec(deployment);
        Map<String, Object> antiAffinity = map(map(podSpec.get("affinity")).get("podAntiAffinity"));
        List<Object> terms = list(antiAffinity.get("preferredDuringSchedulingIgnoredDuringExecution"));
        assertFalse(terms.isEmpty(), "no pod anti-affinity");
        for (Object term : terms) {
            assertSelects(matchLabels(map(map(term).get("podAffinityTerm"))), deployment, "podAntiAffinity");
        }
        List<Object> constraints = list(podSpec.get("topologySpreadConstraints"));
        assertFalse(constraints.isEmpty(), "no topology spread");
        for (Object constraint : constraints) {
            assertSelects(matchLabels(map(constraint)), deployment, "topologySpreadConstraints");
        }
    }

    @Test
    void configMapAndSecretTheDeploymentReadsAreDeclared() throws IOException {
        Map<String, Object> container = container(deployment());
        Map<String, Object> configMap = manifest("ConfigMap");
        Map<String, Object> secret = manifest("Secret");
        for (Object source : list(container.get("envFrom"))) {
            Map<String, Object> ref = map(source);
            if (ref.containsKey("configMapRef")) {
                assertEquals(name(configMap), map(ref.get("configMapRef")).get("name"));
            } else {
                assertEquals(name(secret), map(ref.get("secretRef")).get("name"));
            }
        }
        for (Object variable : list(container.get("env"))) {
            Map<String, Object> secretKeyRef = map(map(map(variable).get("valueFrom")).get("secretKeyRef"));
            assertEquals(name(secret), secretKeyRef.get("name"));
            assertTrue(map(secret.get("stringData")).containsKey(secretKeyRef.get("key")), secretKeyRef.toString());
        }
    }

    @Test
    void solrUrlNamesTheOperatorServiceOfTheSolrCloudAndEachShardCopyFitsOnItsOwnNode() throws IOException {
        Map<String, Object> solrCloud = manifest("SolrCloud");
        assertEquals("solr.apache.org/v1beta1", solrCloud.get("apiVersion"));
        Map<String, Object> spec = map(solrCloud.get("spec"));
        assertTrue(String.valueOf(map(spec.get("solrImage")).get("tag")).startsWith("9.10"));

        Map<String, Object> data = map(manifest("ConfigMap").get("data"));
        assertEquals("solr", data.get("CROSSCHECK_SEARCH_ENGINE"));
        // the Solr Operator names the Service that balances over the nodes <name>-solrcloud-common, on port 80
        URI url = URI.create((String) data.get("CROSSCHECK_SEARCH_SOLR_URLS"));
        assertEquals(name(solrCloud) + "-solrcloud-common", url.getHost());
        assertEquals(-1, url.getPort());
        assertEquals("/solr", url.getPath());
        int copies = Integer.parseInt((String) data.get("CROSSCHECK_SEARCH_SOLR_REPLICAS"));
        assertTrue(copies <= (Integer) spec.get("replicas"), "more copies of a shard than Solr nodes");
    }

    @Test
    void singleOverlayPatchesOnlyResourcesOfTheBaseAndKeepsOnePod() throws IOException {
        Map<String, Object> overlay = kustomization(KUBERNETES.resolve("single"));
        assertEquals(List.of(".."), overlay.get("resources"));
        Set<String> base = new HashSet<>();
        for (Map<String, Object> manifest : manifests()) {
            base.add(manifest.get("kind") + "/" + name(manifest));
        }
        for (Object replicas : list(overlay.get("replicas"))) {
            assertTrue(base.contains("Deployment/" + map(replicas).get("name")), replicas.toString());
            assertEquals(1, map(replicas).get("count"));
        }
        Map<String, Map<String, Object>> patches = new LinkedHashMap<>();
        for (Object entry : list(overlay.get("patches"))) {
            Map<String, Object> patch = map(yaml().load((String) map(entry).get("patch")));
            String target = patch.get("kind") + "/" + name(patch);
            assertTrue(base.contains(target), "the overlay patches " + target + ", which the base does not define");
            patches.put(target, patch);
        }
        assertEquals("delete", patches.get("PodDisruptionBudget/crosscheck").get("$patch"));
        assertEquals("delete", patches.get("SolrCloud/crosscheck").get("$patch"));
        assertEquals("embedded", map(patches.get("ConfigMap/crosscheck").get("data")).get("CROSSCHECK_SEARCH_ENGINE"));
        assertEquals("Recreate",
                map(map(patches.get("Deployment/crosscheck").get("spec")).get("strategy")).get("type"));
    }

    // ---- Docker Compose ----

    @Test
    void composeServicesReferenceDefinedServicesVolumesAndFiles() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(compose.get("services"));
        Set<String> volumes = map(compose.get("volumes")).keySet();
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            for (Object mount : list(service.get("volumes"))) {
                String source = String.valueOf(mount).split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(DEPLOYMENT.resolve(source)), name + " mounts missing " + source);
                } else {
                    assertTrue(volumes.contains(source), name + " uses undeclared volume " + source);
                }
            }
            Set<String> profiles = new HashSet<>(strings(service.get("profiles")));
            dependencies(service).forEach((dependency, condition) -> {
                Map<String, Object> other = map(services.get(dependency));
                assertNotNull(services.get(dependency), name + " depends on undefined " + dependency);
                // a dependency starts with the dependent only if it has no profile or one the dependent has
                assertTrue(profiles.containsAll(strings(other.get("profiles"))), name + " -> " + dependency);
                if ("service_healthy".equals(map(condition).get("condition"))) {
                    assertTrue(other.containsKey("healthcheck"), dependency + " has no healthcheck to wait for");
                }
            });
        });
    }

    @Test
    void servicesStartedTogetherPublishDistinctHostPorts() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        // `up` starts the services without a profile; `--profile scale up lb` starts lb and what it depends on
        assertDistinctHostPorts(services, startedWith(services, null));
        assertDistinctHostPorts(services, startedWith(services, "lb"));
    }

    @Test
    void scaledInstancesUseSolrNodesOfTheirProfileRegisteredUnderTheirServiceNames() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        List<String> instances = crosscheckServices(services).stream()
                .filter(s -> strings(map(services.get(s)).get("profiles")).contains("scale")).toList();
        assertEquals(2, instances.size(), "instances in profile scale: " + instances);
        for (String instance : instances) {
            Map<String, Object> environment = map(map(services.get(instance)).get("environment"));
            assertEquals("solr", environment.get("CROSSCHECK_SEARCH_ENGINE"));
            List<String> urls = Arrays.asList(((String) environment.get("CROSSCHECK_SEARCH_SOLR_URLS")).split(","));
            for (String url : urls) {
                URI uri = URI.create(url);
                Map<String, Object> node = map(services.get(uri.getHost()));
                assertTrue(String.valueOf(node.get("image")).startsWith("solr:9.10"), url);
                assertEquals(uri.getHost(), map(node.get("environment")).get("SOLR_HOST"));
                assertEquals(8983, uri.getPort());
                assertTrue(strings(map(node.get("environment")).get("ZK_HOST")).stream()
                        .allMatch(zk -> services.containsKey(zk.split(":")[0])), "ZK_HOST of " + uri.getHost());
            }
            int copies = Integer.parseInt((String) environment.get("CROSSCHECK_SEARCH_SOLR_REPLICAS"));
            assertTrue(copies <= urls.size(), "more copies of a shard than Solr nodes");
        }
    }

    @Test
    void loadBalancerChecksReadinessOfEveryScaledInstanceOnTheManagementPort() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> lb = map(services.get("lb"));
        assertTrue(strings(lb.get("volumes")).stream().anyMatch(v -> v.startsWith("./haproxy/haproxy.cfg:")));
        String config = Files.readString(HAPROXY);
        assertTrue(config.contains("http-check send meth GET uri /q/health/ready"), "readiness check");
        assertTrue(config.contains("check port " + applicationPort("quarkus.management.port")), "check port");
        assertTrue(config.contains("bind :" + applicationPort("quarkus.http.port")), "public port");

        Set<String> balanced = new TreeSet<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+\\S+\\s+([\\w-]+):(\\d+)").matcher(config);
        while (server.find()) {
            balanced.add(server.group(1));
            assertEquals(applicationPort("quarkus.http.port"), Integer.parseInt(server.group(2)));
        }
        Set<String> scaled = crosscheckServices(services).stream()
                .filter(s -> strings(map(services.get(s)).get("profiles")).contains("scale"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scaled, balanced);
        assertEquals(scaled, new TreeSet<>(dependencies(lb).keySet()));
    }

    // ---- configuration names ----

    @Test
    void everyCrosscheckVariableNamesADeclaredPropertyWithAValueOfItsType() throws IOException {
        Map<String, Class<?>> properties = declaredProperties();
        Assumptions.assumeTrue(properties.containsKey("CROSSCHECK_SEARCH_ENGINE"),
                "crosscheck.search.engine is not declared on this branch yet: the Solr engine is merged separately");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.putAll(map(manifest("ConfigMap").get("data")));
        variables.putAll(map(manifest("Secret").get("stringData")));
        for (Object entry : list(kustomization(KUBERNETES.resolve("single")).get("patches"))) {
            Map<String, Object> patch = map(yaml().load((String) map(entry).get("patch")));
            variables.putAll(map(patch.get("data")));
        }
        Map<String, Object> services = map(compose().get("services"));
        for (String service : crosscheckServices(services)) {
            variables.putAll(map(map(services.get(service)).get("environment")));
        }
        String configurationDoc = Files.readString(Path.of("docs", "configuration.md"));
        variables.forEach((variable, value) -> {
            if (variable.startsWith("CROSSCHECK_")) {
                Class<?> type = properties.get(variable);
                assertNotNull(type, variable + " names no property of any @ConfigMapping");
                assertValueFits(variable, type, String.valueOf(value));
            } else if (variable.startsWith("QUARKUS_")) {
                assertTrue(configurationDoc.contains(variable), variable + " is not in docs/configuration.md");
            }
        });
    }

    /** Environment variable name to type, for every property of every {@code @ConfigMapping} of the application. */
    static Map<String, Class<?>> declaredProperties() throws IOException {
        Map<String, Class<?>> properties = new LinkedHashMap<>();
        Path classes = Path.of("target", "classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("io/crosscheck"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type;
            try {
                type = Class.forName(className, false, DeploymentFilesTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            ConfigMapping mapping = type.isInterface() ? type.getAnnotation(ConfigMapping.class) : null;
            if (mapping != null) {
                collect(mapping.prefix(), type, properties);
            }
        }
        return properties;
    }

    static void collect(String prefix, Class<?> group, Map<String, Class<?>> properties) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0 || method.isSynthetic()) {
                continue;
            }
            String segment = method.isAnnotationPresent(WithParentName.class) ? ""
                    : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String name = segment.isEmpty() ? prefix : prefix + "." + segment;
            Class<?> type = unwrapOptional(method);
            if (type.isInterface() && type.getName().startsWith("io.crosscheck")) {
                collect(name, type, properties);
            } else {
                properties.put(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), type);
            }
        }
    }

    static Class<?> unwrapOptional(Method method) {
        if (method.getReturnType() == Optional.class
                && method.getGenericReturnType() instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[0];
            return argument instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) argument).getRawType();
        }
        return method.getReturnType();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static void assertValueFits(String variable, Class<?> type, String value) {
        if (type == int.class || type == Integer.class) {
            Integer.parseInt(value);
        } else if (type == boolean.class || type == Boolean.class) {
            assertTrue(value.equals("true") || value.equals("false"), variable + "=" + value);
        } else if (type.isEnum()) {
            // SmallRye Config matches enum constants ignoring case and hyphens
            Set<String> constants = Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().replace("_", "").toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            assertTrue(constants.contains(value.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT)),
                    variable + "=" + value + " is none of " + constants);
        }
    }

    // ---- helpers ----

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static List<Object> loadAll(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            yaml().loadAll(in).forEach(d -> {
                if (d != null) {
                    documents.add(d);
                }
            });
        }
        return documents;
    }

    static Map<String, Object> kustomization(Path directory) throws IOException {
        return map(loadAll(directory.resolve("kustomization.yaml")).get(0));
    }

    static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (String resource : strings(kustomization(KUBERNETES).get("resources"))) {
            loadAll(KUBERNETES.resolve(resource)).forEach(d -> manifests.add(map(d)));
        }
        return manifests;
    }

    static Map<String, Object> manifest(String kind) throws IOException {
        List<Map<String, Object>> found = manifests().stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertEquals(1, found.size(), "manifests of kind " + kind);
        return found.get(0);
    }

    static Map<String, Object> deployment() throws IOException {
        return manifest("Deployment");
    }

    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(map(deployment.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(podSpec(deployment).get("containers"));
        assertEquals(1, containers.size());
        return map(containers.get(0));
    }

    static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        list(container.get("ports")).forEach(p -> ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort")));
        return ports;
    }

    static Integer resolvePort(Map<String, Integer> ports, Object port) {
        if (port instanceof Integer number) {
            assertTrue(ports.containsValue(number), "port " + number + " is not a container port");
            return number;
        }
        assertTrue(ports.containsKey(port), "port " + port + " is not a named container port");
        return ports.get(port);
    }

    static Map<String, Object> matchLabels(Map<String, Object> holder) {
        return map(map(holder.get("labelSelector")).get("matchLabels"));
    }

    static void assertSelects(Map<String, Object> selector, Map<String, Object> deployment, String what) {
        Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
        assertFalse(selector.isEmpty(), what + " selects nothing");
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), what + " selector " + k));
        assertEquals(selector, map(map(deployment.get("spec")).get("selector")).get("matchLabels"),
                what + " selects other pods than the Deployment's");
    }

    static String name(Map<String, Object> manifest) {
        return (String) map(manifest.get("metadata")).get("name");
    }

    static int applicationPort(String property) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Integer.parseInt(Objects.requireNonNull(properties.getProperty(property), property));
    }

    static Map<String, Object> compose() throws IOException {
        return map(loadAll(COMPOSE).get(0));
    }

    static List<String> crosscheckServices(Map<String, Object> services) {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue()).get("image")).startsWith(CROSSCHECK_IMAGE))
                .map(Map.Entry::getKey).toList();
    }

    /** The services {@code up} starts: without a target, those without a profile; with one, it and its dependencies. */
    static Set<String> startedWith(Map<String, Object> services, String target) {
        Set<String> started = new TreeSet<>();
        if (target == null) {
            services.forEach((name, s) -> {
                if (strings(map(s).get("profiles")).isEmpty()) {
                    started.add(name);
                }
            });
            return started;
        }
        List<String> pending = new ArrayList<>(List.of(target));
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            if (started.add(name)) {
                pending.addAll(dependencies(map(services.get(name))).keySet());
            }
        }
        return started;
    }

    /** depends_on in either form: a list of names, or names mapped to their condition. */
    static Map<String, Object> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof List<?> names) {
            Map<String, Object> conditions = new LinkedHashMap<>();
            names.forEach(n -> conditions.put((String) n, Map.of()));
            return conditions;
        }
        return map(dependsOn);
    }

    static void assertDistinctHostPorts(Map<String, Object> services, Set<String> started) {
        Map<String, String> hostPorts = new LinkedHashMap<>();
        for (String name : started) {
            for (String mapping : strings(map(services.get(name)).get("ports"))) {
                String[] parts = mapping.split(":");
                String hostPort = parts.length == 3 ? parts[0] + ":" + parts[1] : "0.0.0.0:" + parts[0];
                String previous = hostPorts.put(hostPort, name);
                assertTrue(previous == null, name + " and " + previous + " both publish " + hostPort);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    static List<String> strings(Object value) {
        if (value instanceof String s) {
            return Arrays.asList(s.split(","));
        }
        return list(value).stream().map(String::valueOf).toList();
    }
}
