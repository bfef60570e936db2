package com.couchcart.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The HTTP methods each resource path accepts, for the {@code Allow} header that RFC 9110 requires on a 405
 * (JAX-RS only fills it in for OPTIONS).
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

    private record Route(Pattern path, Set<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();

    public AllowedMethods(BeanManager beans) {
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(this::add);
    }

    /** The {@code Allow} value for a request path, if a resource serves it. */
    public Optional<String> forPath(String path) {
        Set<String> methods = new TreeSet<>();
        routes.stream().filter(route -> route.path().matcher(path).matches())
                .forEach(route -> methods.addAll(route.methods()));
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        methods.add(HttpMethod.OPTIONS);
        return Optional.of(String.join(", ", methods));
    }

    private void add(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            String verb = verb(method);
            if (verb != null) {
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + "/" + sub.value();
                routes.add(new Route(regex(template), Set.of(verb)));
            }
        }
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static Pattern regex(String template) {
        String normalized = ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        var matcher = PARAMETER.matcher(normalized);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(normalized.substring(last, matcher.start()))).append("[^/]+");
            last = matcher.end();
        }
        regex.append(Pattern.quote(normalized.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
