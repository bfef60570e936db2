package com.couchcart.device;

import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.security.Secrets;
import com.couchcart.tenant.TenantService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Opens device sessions for TVs that present their brand's app key. */
@ApplicationScoped
public class SessionService {

    /** Marks CouchCart device tokens, so they are told apart from OIDC tokens without a lookup. */
    static final String TOKEN_PREFIX = "ccs_";
    /** 32 random bytes: 256 bits, well over the 128 the design asks for. */
    private static final int TOKEN_BYTES = 32;

    private final TenantService tenants;
    private final SessionStore store;
    private final Duration ttl;

    public SessionService(TenantService tenants, SessionStore store,
                          @ConfigProperty(name = "couchcart.device-session.ttl") Duration ttl) {
        this.tenants = tenants;
        this.store = store;
        this.ttl = ttl;
    }

    public Uni<SessionCreated> open(String appKey, SessionRequest request) {
        if (appKey == null || appKey.isBlank()) {
            return Uni.createFrom().failure(ProblemException.unauthenticated("The X-Tenant-Key header is required."));
        }
        return tenants.acceptsAppKey(request.tenant(), appKey).flatMap(accepted -> {
            if (!accepted) {
                // One answer for an unknown tenant and a wrong key: the answer must not reveal which tenants exist.
                return Uni.createFrom().failure(
                        ProblemException.unauthenticated("The tenant or its app key is not recognised."));
            }
            String token = TOKEN_PREFIX + Secrets.random(TOKEN_BYTES);
            DeviceSession session = new DeviceSession(request.tenant(), request.deviceId().toLowerCase(),
                    request.model(), request.region(), request.locale());
            return store.save(token, session, ttl).replaceWith(new SessionCreated(token, ttl.toSeconds()));
        });
    }

    public Uni<SessionInfo> describe(String token, DeviceSession session) {
        return store.secondsLeft(token).map(seconds -> SessionInfo.of(session, Math.max(seconds, 0)));
    }

    public Uni<Void> end(String token) {
        return store.delete(token);
    }

    static boolean isDeviceToken(String token) {
        return token.startsWith(TOKEN_PREFIX);
    }
}
