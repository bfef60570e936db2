package com.couchcart.cart;

import com.couchcart.catalog.ProductCatalog;
import com.couchcart.device.DeviceSession;
import com.couchcart.funnel.FunnelEvent;
import com.couchcart.funnel.FunnelEventType;
import com.couchcart.overlay.OverlayIndexes;
import com.couchcart.platform.Money;
import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The device's cart: the rules of adding, changing and removing, and how a cart reads at today's prices. */
@ApplicationScoped
public class CartService {

    private final CartStore store;
    private final ProductCatalog catalog;
    private final OverlayIndexes overlays;
    private final int maxLines;
    private final int maxPerLine;
    private final String currency;

    public CartService(CartStore store, ProductCatalog catalog, OverlayIndexes overlays,
                       @ConfigProperty(name = "couchcart.cart.max-lines") int maxLines,
                       @ConfigProperty(name = "couchcart.cart.max-quantity-per-line") int maxPerLine,
                       @ConfigProperty(name = "couchcart.currency") String currency) {
        this.store = store;
        this.catalog = catalog;
        this.overlays = overlays;
        this.maxLines = maxLines;
        this.maxPerLine = maxPerLine;
        this.currency = currency;
    }

    public Uni<CartView> get(DeviceSession device) {
        return store.read(key(device)).map(this::view);
    }

    /** One OK press: adds to the line of the SKU; a repeated event id changes nothing and answers the cart. */
    public Uni<CartView> add(DeviceSession device, AddItem item, Long ifMatch) {
        ProductCatalog.Item product = purchasable(item.sku());
        checkQuantity(item.quantity());
        // The add event feeds the campaign funnel; it is captured with the change itself, so neither goes without the other.
        FunnelEvent event = new FunnelEvent(FunnelEventType.ADD, device.tenant(), device.deviceId(), item.contentId(),
                item.overlayId(), overlays.promotion(item.contentId(), item.overlayId()).campaignId(), null, Instant.now(),
                item.sku(), item.quantity());
        return store.add(key(device), item.eventId(), event, product.price().toPlainString(), product.currency(),
                maxLines, maxPerLine, product.stock(), ifMatch).map(this::answer);
    }

    public Uni<CartView> setQuantity(DeviceSession device, String sku, int quantity, Long ifMatch) {
        checkQuantity(quantity);
        ProductCatalog.Item product = catalog.get(sku);
        int stock = product == null ? 0 : product.stock();
        return store.setQuantity(key(device), sku, quantity, maxPerLine, stock, ifMatch).map(this::answer);
    }

    /** Removes a line; removing a line that is not there changes nothing (remotes repeat). */
    public Uni<CartView> remove(DeviceSession device, String sku, Long ifMatch) {
        return store.remove(key(device), List.of(sku), ifMatch).map(this::answer);
    }

    public Uni<CartView> clear(DeviceSession device, Long ifMatch) {
        return store.remove(key(device), List.of(), ifMatch).map(this::answer);
    }

    /** Takes the lines of these products out of the cart: they have been ordered. */
    public Uni<Void> removeOrdered(DeviceSession device, List<String> skus) {
        return skus.isEmpty() ? Uni.createFrom().voidItem() : store.remove(key(device), skus, null).replaceWithVoid();
    }

    private CartView answer(StoredCart stored) {
        return switch (stored.status()) {
            case "OK", "REPEATED" -> view(stored);
            case "STALE" -> throw new ProblemException(ProblemType.STALE,
                    "The cart is at version " + stored.detail() + " now; read it again.", null,
                    Map.of("ETag", "\"" + stored.detail() + "\""));
            case "TOO_MANY_LINES" -> throw new ProblemException(ProblemType.LIMIT,
                    "A cart holds at most " + stored.detail() + " different products.");
            case "LINE_LIMIT" -> throw new ProblemException(ProblemType.LIMIT,
                    "At most " + stored.detail() + " of one product fit in a cart.");
            case "STOCK" -> throw new ProblemException(ProblemType.LIMIT,
                    "Only " + stored.detail() + " left in stock.");
            case "NO_LINE" -> throw ProblemException.notFound("The cart has no line for this product.");
            default -> throw new IllegalStateException("Unknown cart script answer " + stored.status());
        };
    }

    private CartView view(StoredCart stored) {
        List<CartView.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (StoredCart.Line line : stored.lines()) {
            ProductCatalog.Item product = catalog.get(line.sku());
            BigDecimal added = new BigDecimal(line.addedPrice());
            BigDecimal price = product == null ? added : product.price();
            String lineCurrency = product == null ? line.currency() : product.currency();
            boolean priceChanged = price.compareTo(added) != 0;
            CartView.Availability availability = availability(product, line.quantity());
            BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(line.quantity()));
            if (availability == CartView.Availability.AVAILABLE) {
                total = total.add(lineTotal);
            }
            lines.add(new CartView.Line(line.sku(), product == null ? line.sku() : product.title(), line.quantity(),
                    Money.of(price, lineCurrency), Money.of(lineTotal, lineCurrency), line.overlayId(), line.campaignId(),
                    line.contentId(), line.addedAt(), priceChanged, priceChanged ? Money.of(added, line.currency()) : null, availability));
        }
        return new CartView(stored.version(), lines, Money.of(total, currency));
    }

    private static CartView.Availability availability(ProductCatalog.Item product, int quantity) {
        if (product == null || !product.active()) {
            return CartView.Availability.INACTIVE;
        }
        if (product.stock() <= 0) {
            return CartView.Availability.OUT_OF_STOCK;
        }
        return product.stock() < quantity ? CartView.Availability.INSUFFICIENT_STOCK : CartView.Availability.AVAILABLE;
    }

    private ProductCatalog.Item purchasable(String sku) {
        ProductCatalog.Item product = catalog.get(sku);
        if (product == null) {
            throw invalid("sku", "no product '" + sku + "'");
        }
        if (!product.active()) {
            throw invalid("sku", "product '" + sku + "' is not on sale");
        }
        return product;
    }

    private void checkQuantity(int quantity) {
        if (quantity < 1 || quantity > maxPerLine) {
            throw invalid("quantity", "must be between 1 and " + maxPerLine);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }

    private CartStore.CartKey key(DeviceSession device) {
        return store.key(device.tenant(), device.deviceId());
    }
}
