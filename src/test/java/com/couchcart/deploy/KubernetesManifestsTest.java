package com.couchcart.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay of {@code k8s/} renders ({@code kubectl kustomize}), and what it renders fits the application:
 * probes and ports are the app's, every variable it sets is a configuration key, the autoscaler and the
 * disruption budget find the Deployment's pods, the pods run locked down, images carry real tags, and the grace
 * period covers the shutdown sequence.
 */
class KubernetesManifestsTest {

    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern KEY = Pattern.compile("^#?\\s*(?:%[a-z]+\\.)?([a-z][A-Za-z0-9.\\-\"_]*)\\s*=", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void rendersAndFitsTheApplication(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Deployment deployment = one(objects, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String properties = Files.readString(PROPERTIES);

        // Probes and ports are the application's.
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(app.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(app.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(Integer.parseInt(property(properties, "quarkus.http.port")));
        });
        assertThat(app.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");

        // Every variable the pods get is a configuration key of the application.
        Set<String> keys = environmentNames(properties);
        Stream.concat(one(objects, ConfigMap.class).getData().keySet().stream(), secretTemplateKeys().stream())
                .forEach(variable -> assertThat(keys).as("configuration key for %s", variable).contains(variable));

        // The autoscaler scales this Deployment; the budget and the service select its pods.
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(podLabels).containsAllEntriesOf(one(objects, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        assertThat(one(objects, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels()).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(one(objects, Service.class).getSpec().getSelector());
        assertThat(podLabels).containsAllEntriesOf(one(objects, NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels());
        assertThat(one(objects, Ingress.class).getSpec().getRules().get(0).getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getName()).isEqualTo(one(objects, Service.class).getMetadata().getName()));

        // Locked down, with real image tags.
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(app.getImage()).contains(":").doesNotEndWith(":latest");
        assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(app.getResources().getLimits()).containsKeys("cpu", "memory");

        // The grace period covers preStop, the shutdown delay (readiness DOWN) and the shutdown timeout.
        long preStop = app.getLifecycle().getPreStop().getSleep().getSeconds();
        long needed = preStop + seconds(property(properties, "quarkus.shutdown.delay"))
                + seconds(property(properties, "quarkus.shutdown.timeout"));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(needed);
    }

    private static List<HasMetadata> render(String overlay) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed (.ci/run installs it): the manifests are not rendered");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay).redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(yaml).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /**
     * Keys of application.properties (commented-out documented ones too) in their environment-variable form, and
     * the variables its values read ({@code ${COUCHCART_EVENT_LOOPS:2}}).
     */
    private static Set<String> environmentNames(String properties) {
        Set<String> names = new HashSet<>();
        Matcher key = KEY.matcher(properties);
        while (key.find()) {
            names.add(key.group(1).replace("\"", "").toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        Matcher variable = VARIABLE.matcher(properties);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    private static Set<String> secretTemplateKeys() throws IOException {
        Secret secret = Serialization.unmarshal(Files.readString(Path.of("k8s/base/secret.example.yaml")), Secret.class);
        return secret.getStringData().keySet();
    }

    private static String property(String properties, String key) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(key) + "=(.*)$", Pattern.MULTILINE).matcher(properties);
        assertThat(matcher.find()).as(key).isTrue();
        return matcher.group(1).trim();
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase()).toSeconds();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
