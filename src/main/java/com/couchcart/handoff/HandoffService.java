package com.couchcart.handoff;

import com.couchcart.cart.CartService;
import com.couchcart.device.DeviceSession;
import com.couchcart.platform.Broadcasts;
import com.couchcart.platform.FailureLimits;
import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.platform.security.Secrets;
import com.couchcart.tenant.TenantDirectory;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handoff's rules: one open handoff per TV, a code claimed by one shopper once, a status every instance
 * reports the same way (changes are announced to all of them), and checkout only by the shopper who claimed it.
 */
@ApplicationScoped
public class HandoffService {

    static final String TOPIC = "handoffs";
    /** 24 random bytes: 192 bits, over the 128 that RFC 8628 and the design ask of an id that is a capability. */
    private static final int ID_BYTES = 24;
    /** How long a handoff can still be read after it expired, so a TV or phone that looks late learns how it ended. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(1);
    private static final int CODE_ATTEMPTS = 5;
    /** The longest verification URI a QR link is made of. */
    private static final int MAX_LINK_BASE = 200;
    private static final Logger LOG = Logger.getLogger(HandoffService.class);

    private final HandoffStore store;
    private final CartService carts;
    private final TenantDirectory tenants;
    private final Broadcasts broadcasts;
    private final FailureLimits failures;
    private final HandoffSettlement settlement;
    private final HandoffConfig config;
    /** Ids of handoffs that changed, from any instance. */
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    public HandoffService(HandoffStore store, CartService carts, TenantDirectory tenants, Broadcasts broadcasts,
                          FailureLimits failures, HandoffSettlement settlement, HandoffConfig config) {
        if (config.expiresIn().compareTo(Duration.ofMinutes(10)) > 0 || config.expiresIn().isNegative()) {
            throw new IllegalStateException("couchcart.handoff.expires-in must be at most 10 minutes");
        }
        this.store = store;
        this.carts = carts;
        this.tenants = tenants;
        this.broadcasts = broadcasts;
        this.failures = failures;
        this.settlement = settlement;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        broadcasts.follow(TOPIC, handoffId -> {
            changes.onNext(handoffId);
            return Uni.createFrom().voidItem();
        });
    }

    /** Opens a handoff for the TV's cart; it supersedes (cancels) the TV's previous one. */
    public Uni<HandoffCreated> create(DeviceSession device, URI requestBase) {
        URI verificationUri = config.verificationUri().orElseGet(() -> requestBase.resolve("/phone/"));
        if (verificationUri.toString().length() > MAX_LINK_BASE) {
            // A QR code of a long link gets dense; phones read short ones at a distance.
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, "The host name is too long "
                    + "for a QR link; the operator sets couchcart.handoff.verification-uri."));
        }
        return carts.get(device).flatMap(cart -> {
            if (cart.lines().isEmpty()) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                        "The cart is empty: add a product before checking out on a phone."));
            }
            return reserve(device, verificationUri, CODE_ATTEMPTS);
        }).flatMap(handoff -> {
            Instant keepUntil = handoff.expiresAt().plus(KEPT_AFTER_EXPIRY);
            return store.save(handoff, keepUntil)
                    .chain(() -> store.makeLatest(device, handoff.id(), keepUntil))
                    .call(previous -> previous == null ? Uni.createFrom().voidItem() : cancel(previous))
                    .map(previous -> new HandoffCreated(handoff.id(), UserCodes.display(handoff.userCode()),
                            verificationUri.toString(), handoff.link(), config.expiresIn().toSeconds(),
                            config.interval().toSeconds()));
        });
    }

    /** The status for the TV that opened the handoff; polled faster than {@code interval}, it answers 429. */
    public Uni<HandoffView> poll(DeviceSession device, String handoffId) {
        return ofDevice(device, handoffId).call(handoff -> store.pollAllowed(handoffId, pollWindow()).invoke(allowed -> {
            if (!allowed) {
                throw new ProblemException(ProblemType.SLOW_DOWN, "Poll at most every " + config.interval().toSeconds()
                        + " s (slow_down: add 5 s to the interval), or follow the events stream.", null,
                        Map.of("Retry-After", Long.toString(config.interval().toSeconds())));
            }
        })).flatMap(this::settled).map(handoff -> view(handoff, Instant.now()));
    }

    /** The handoff with this id; 404 when there is none. Whoever knows the id may see it: the id is the credential. */
    public Uni<Handoff> find(String handoffId) {
        return store.read(handoffId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No handoff '" + handoffId + "'."));
    }

    /**
     * The status now and at every change, until it is final; a change announced by another instance arrives at
     * once, and a lost announcement (or the passing of the expiry time) is noticed within {@code recheck}.
     */
    public Multi<HandoffView> follow(Handoff first) {
        String handoffId = first.id();
        AtomicReference<HandoffView> last = new AtomicReference<>();
        Multi<Optional<Handoff>> later = Multi.createBy().merging().streams(
                        changes.filter(handoffId::equals),
                        Multi.createFrom().ticks().every(config.recheck()).map(tick -> handoffId))
                .onItem().transformToUniAndConcatenate(id -> store.read(id)
                        .flatMap(handoff -> handoff == null ? Uni.createFrom().nullItem() : settled(handoff))
                        .map(Optional::ofNullable)
                        .onFailure().recoverWithNull())
                .filter(read -> read != null);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Optional.of(first)), later)
                .map(handoff -> handoff.map(found -> view(found, Instant.now()))
                        .orElseGet(() -> new HandoffView(handoffId, HandoffStatus.EXPIRED, null, 0)))
                .filter(view -> {
                    HandoffView previous = last.getAndSet(view);
                    return previous == null || previous.status() != view.status();
                });
    }

    /**
     * A shopper claims the handoff whose code they typed or scanned, and sees what they are about to buy. Every
     * attempt counts against the shopper and their address; those that find their handoff (or learn it ended)
     * are given back, so only wrong codes use the allowance. Past it, claims answer 429 until the window ends.
     */
    public Uni<Confirmation> claim(String shopper, String clientAddress, String typedCode) {
        String code = UserCodes.normalize(typedCode);
        if (code == null) {
            String message = "must be the 8 letters shown on the TV, such as BCDF-GHJK";
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, "userCode: " + message,
                    List.of(new FieldError("userCode", message)), Map.of()));
        }
        List<String> counters = List.of("claim:shopper:" + shopper, "claim:address:" + clientAddress);
        return failures.attempt(counters, config.claimFailureLimit(), config.claimFailureWindow()).flatMap(wait -> {
            if (wait != null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.RATE_LIMITED,
                        "Too many wrong codes; try again in " + wait.toSeconds() + " s.", null,
                        Map.of("Retry-After", Long.toString(wait.toSeconds()))));
            }
            return claimCode(shopper, code)
                    .call(() -> failures.giveBack(counters))
                    .onFailure(failure -> failure instanceof ProblemException problem && problem.type() == ProblemType.GONE)
                    .call(() -> failures.giveBack(counters));
        });
    }

    private Uni<Confirmation> claimCode(String shopper, String code) {
        Uni<Handoff> found = store.idForCode(code)
                .flatMap(id -> id == null ? Uni.createFrom().nullItem() : store.read(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No TV shows this code; check it and try again."));
        return found.flatMap(handoff -> carts.get(handoff.device()).flatMap(cart -> {
            Instant now = Instant.now();
            Instant expiresAt = now.plus(config.expiresIn());
            Instant keepUntil = expiresAt.plus(KEPT_AFTER_EXPIRY);
            return store.claim(handoff.id(), shopper, now, expiresAt, keepUntil, cart.version())
                    .flatMap(outcome -> switch (outcome.result()) {
                        case "CLAIMED" -> store.keepCode(code, keepUntil).call(() -> announce(handoff.id()))
                                .replaceWith(outcome.handoff());
                        case "OK" -> Uni.createFrom().item(outcome.handoff());
                        case "GONE" -> Uni.createFrom().failure(new ProblemException(ProblemType.GONE,
                                "This code has expired or was used already; ask the TV for a new one."));
                        case "TAKEN" -> Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                                "This code was claimed on another phone."));
                        default -> Uni.createFrom().failure(
                                ProblemException.notFound("No TV shows this code; check it and try again."));
                    })
                    .map(claimed -> new Confirmation(claimed.id(), new Confirmation.Tv(claimed.device().tenant(),
                            tenants.name(claimed.device().tenant()), claimed.device().model()), cart,
                            claimed.secondsLeft(now)));
        }));
    }

    /** The handoff a checkout is for: open, and claimed by this shopper. */
    public Uni<Handoff> claimedBy(String shopper, String handoffId) {
        return store.read(handoffId).map(handoff -> {
            if (handoff == null || (handoff.shopper() != null && !handoff.shopper().equals(shopper))) {
                throw ProblemException.notFound("You have claimed no handoff '" + handoffId + "'.");
            }
            return switch (handoff.statusAt(Instant.now())) {
                case CLAIMED -> handoff;
                case PENDING -> throw new ProblemException(ProblemType.CONFLICT, "Claim the handoff with its code first.");
                case COMPLETED -> throw new ProblemException(ProblemType.CONFLICT,
                        "This handoff was checked out already, as order " + handoff.orderId() + ".");
                case EXPIRED, CANCELLED -> throw new ProblemException(ProblemType.GONE,
                        "This handoff has " + handoff.statusAt(Instant.now()).name().toLowerCase()
                                + "; ask the TV for a new code.");
            };
        });
    }

    /**
     * Records the order the handoff became and tells the TV. Answers the handoff as it stands (null when it is not
     * this shopper's); {@link Handoff#cartCleared()} says whether the ordered lines still have to leave the cart.
     */
    public Uni<Handoff> complete(String handoffId, String shopper, UUID orderId) {
        return store.complete(handoffId, shopper, orderId).call(outcome -> outcome.result().equals("COMPLETED")
                        ? announce(handoffId) : Uni.createFrom().voidItem())
                .map(outcome -> outcome.result().equals("REFUSED") ? null : outcome.handoff());
    }

    /** Notes that the ordered lines have left the TV's cart, so nothing takes them out again. */
    public Uni<Void> cartCleared(String handoffId) {
        return store.cartCleared(handoffId);
    }

    /** The handoff after settling a checkout that may have lost its last steps (a no-op for most). */
    private Uni<Handoff> settled(Handoff handoff) {
        if (!handoff.mayNeedSettling()) {
            return Uni.createFrom().item(handoff);
        }
        return settlement.settle(handoff)
                .chain(() -> store.read(handoff.id()))
                .map(read -> read == null ? handoff : read)
                .onFailure().recoverWithItem(handoff);
    }

    private Uni<Handoff> reserve(DeviceSession device, URI verificationUri, int attemptsLeft) {
        String code = UserCodes.generate();
        String id = Secrets.random(ID_BYTES);
        Instant expiresAt = Instant.now().plus(config.expiresIn());
        return store.reserveCode(code, id, expiresAt.plus(KEPT_AFTER_EXPIRY)).flatMap(reserved -> {
            if (reserved) {
                // user_code, as RFC 8628 names it (and not "code", which the phone page's OIDC sign-in uses).
                String link = verificationUri + (verificationUri.getQuery() == null ? "?" : "&") + "user_code="
                        + UserCodes.display(code);
                return Uni.createFrom().item(new Handoff(id, device, code, link, HandoffStatus.PENDING, null, null,
                        null, false, expiresAt));
            }
            if (attemptsLeft > 1) {
                return reserve(device, verificationUri, attemptsLeft - 1);
            }
            return Uni.createFrom().failure(new ProblemException(ProblemType.UNAVAILABLE,
                    "No free user code right now; try again.", null, Map.of("Retry-After", "1")));
        });
    }

    private Uni<Void> cancel(String handoffId) {
        return store.cancel(handoffId).flatMap(outcome -> outcome.result().equals("CANCELLED")
                ? announce(handoffId) : Uni.createFrom().voidItem());
    }

    /** Tells every instance that a handoff changed; if the notice is lost, followers notice within {@code recheck}. */
    private Uni<Void> announce(String handoffId) {
        return broadcasts.publish(TOPIC, handoffId)
                .onFailure().invoke(failure -> LOG.warnf("Handoff change not announced: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Handoff> ofDevice(DeviceSession device, String handoffId) {
        return find(handoffId).invoke(handoff -> {
            if (!handoff.belongsTo(device)) {
                throw ProblemException.notFound("No handoff '" + handoffId + "'.");
            }
        });
    }

    private static HandoffView view(Handoff handoff, Instant now) {
        HandoffStatus status = handoff.statusAt(now);
        return new HandoffView(handoff.id(), status, handoff.orderId(), status.isFinal() ? 0 : handoff.secondsLeft(now));
    }

    /** Polls a little early still count as on time: TVs' timers and networks jitter. */
    private Duration pollWindow() {
        return config.interval().multipliedBy(4).dividedBy(5);
    }
}
