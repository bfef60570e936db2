package com.couchcart.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The payment providers this service has, by the method they serve. */
@ApplicationScoped
public class Payments {

    private final Map<String, PaymentProvider> providers = new TreeMap<>();

    public Payments(Instance<PaymentProvider> providers) {
        providers.forEach(provider -> this.providers.put(provider.method(), provider));
    }

    public Optional<PaymentProvider> forMethod(String method) {
        return Optional.ofNullable(providers.get(method));
    }

    public Set<String> methods() {
        return providers.keySet();
    }
}
