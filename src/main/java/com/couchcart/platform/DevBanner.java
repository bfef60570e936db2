package com.couchcart.platform;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells a developer who ran {@code ./mvnw quarkus:dev} where to look and how to sign in. */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevBanner {

    private static final Logger LOG = Logger.getLogger(DevBanner.class);

    @ConfigProperty(name = "quarkus.http.port")
    int port;
    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String oidcServer;
    @ConfigProperty(name = "quarkus.oidc.client-id", defaultValue = "quarkus-app")
    String clientId;
    @ConfigProperty(name = "quarkus.oidc.credentials.secret", defaultValue = "secret")
    String clientSecret;
    @ConfigProperty(name = "couchcart.demo.app-key.hisense")
    String hisenseKey;
    @ConfigProperty(name = "couchcart.demo.app-key.xiaomi")
    String xiaomiKey;

    void onStart(@Observes StartupEvent event) {
        String base = "http://localhost:" + port;
        LOG.infof("""

                ======================================== CouchCart (dev) ========================================
                  API            %1$s/api   (tour with curl: README.md)
                  TV app         %1$s/tv/   (arrow keys, Enter = OK, Escape = Back; ?live for the live channel)
                  Phone page     %1$s/phone/   (the QR code's link; sign in as sam)
                  Reports        %1$s/admin/reports/   (campaign funnel; sign in as mira or otto)
                  Swagger UI     %1$s/q/swagger-ui
                  OpenAPI        %1$s/q/openapi
                  Health         %1$s/q/health/ready
                  Metrics        %1$s/q/metrics
                  TV tenants     hisense  X-Tenant-Key: %2$s
                                 xiaomi   X-Tenant-Key: %3$s
                  OIDC users     mira (merchandiser), otto (operator), sam (shopper); a token:
                    curl -s %4$s/token -d grant_type=password -d username=otto -d password=otto \\
                         -d client_id=%5$s -d client_secret=%6$s
                =================================================================================================
                """, base, hisenseKey, xiaomiKey, oidcServer, clientId, clientSecret);
    }
}
