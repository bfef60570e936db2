package com.couchcart.funnel;

import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Campaign reports for staff. A {@code partner} (a TV brand's staff) sees its own tenant only, named by its token's
 * {@code tenant} claim: every row, total and CSV line is of that tenant, and asking for another one is refused.
 */
@Path("/api/admin/reports")
@BearerTokenAuthentication
@RolesAllowed({Roles.MERCHANDISER, Roles.OPERATOR, Roles.PARTNER})
@Tag(name = "Admin: reports")
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportService reports;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public ReportResource(ReportService reports, SecurityIdentity identity, JsonWebToken token) {
        this.reports = reports;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Path("/funnel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The funnel from impression to order, grouped and filtered; Accept: text/csv for CSV")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "Bad parameters, each named in errors",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No or an invalid staff token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "Not staff, or a partner asking for another tenant",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<FunnelReport> funnel(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("groupBy") String groupBy, @QueryParam("tenant") String tenant,
                                    @QueryParam("campaignId") String campaignId, @QueryParam("contentId") String contentId,
                                    @QueryParam("overlayId") String overlayId) {
        ReportQuery query = ReportQuery.parse(from, to, groupBy, tenant, campaignId, contentId, overlayId, Instant.now());
        return reports.funnel(restricted(query));
    }

    @GET
    @Path("/funnel")
    @Produces(CSV)
    @Operation(summary = "The funnel report's rows as CSV: key columns, then metrics (revenue as revenue_<CURRENCY>)")
    public Uni<String> funnelCsv(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("groupBy") String groupBy, @QueryParam("tenant") String tenant,
                                 @QueryParam("campaignId") String campaignId, @QueryParam("contentId") String contentId,
                                 @QueryParam("overlayId") String overlayId) {
        return funnel(from, to, groupBy, tenant, campaignId, contentId, overlayId).map(ReportCsv::of);
    }

    @GET
    @Path("/tenants")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each TV brand's credited orders in a month (YYYY-MM), for its revenue share")
    @APIResponse(responseCode = "200", description = "The statement")
    @APIResponse(responseCode = "400", description = "month is not YYYY-MM",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No or an invalid staff token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "Not staff",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<TenantStatement> tenants(@QueryParam("month") String month) {
        YearMonth parsed;
        try {
            parsed = month == null ? YearMonth.now(java.time.ZoneOffset.UTC) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.VALIDATION, "month: must be YYYY-MM",
                    List.of(new FieldError("month", "must be YYYY-MM")), Map.of());
        }
        return reports.tenants(parsed, partnerTenant());
    }

    /** The query as this caller may ask it: a partner's limited to its tenant. */
    private ReportQuery restricted(ReportQuery query) {
        String own = partnerTenant();
        if (own == null) {
            return query;
        }
        if (query.tenant() != null && !query.tenant().equals(own)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "A partner sees the reports of its own tenant only.");
        }
        return query.forTenant(own);
    }

    /** The tenant a partner is limited to; null for staff who see every tenant. */
    private String partnerTenant() {
        if (identity.hasRole(Roles.MERCHANDISER) || identity.hasRole(Roles.OPERATOR)) {
            return null;
        }
        Object tenant = token.getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "A partner's token names no tenant.");
        }
        return tenant.toString().replace("\"", "");
    }
}
