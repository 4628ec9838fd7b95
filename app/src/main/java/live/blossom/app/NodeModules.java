package live.blossom.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import live.blossom.app.admin.AdminStats;
import live.blossom.app.web.WebModule;
import live.blossom.app.wiring.BookingPublishAuthorizer;
import live.blossom.booking.BookingModule;
import live.blossom.chat.ChatModule;
import live.blossom.edge.EdgeModule;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.sale.SaleModule;

/**
 * Builds the modules of a node for the roles it plays, in start order, and wires the adapters
 * between them (the domain modules never import each other).
 */
public final class NodeModules {

    public static final Set<String> ROLES = Set.of("edge", "chat", "sale", "booking");

    /** The planes of one node, plus the web pages and operator endpoints every node serves. */
    public record Node(List<BlossomModule> modules, BookingModule booking, SaleModule sale, EdgeModule edge) {
    }

    private NodeModules() {
    }

    static List<BlossomModule> forRoles(Set<String> roles) {
        return node(roles).modules();
    }

    public static Node node(Set<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ROLES);
            }
        }
        List<BlossomModule> modules = new ArrayList<>();
        BookingModule booking = roles.contains("booking") ? new BookingModule() : null;
        SaleModule sale = roles.contains("sale") ? new SaleModule() : null;
        if (booking != null) {
            modules.add(booking);
        }
        if (sale != null) {
            modules.add(sale);
        }
        if (roles.contains("chat")) {
            modules.add(new ChatModule());
        }
        EdgeModule edge = null;
        if (roles.contains("edge")) {
            // With booking on the node, a booking's grant is the stream key; without it the edge
            // keeps its own stream keys (POST /api/streams).
            edge = booking != null ? new EdgeModule(new BookingPublishAuthorizer(booking.grantCheck())) : new EdgeModule();
            modules.add(edge);
        }
        modules.add(new WebModule());
        modules.add(new AdminStats());
        return new Node(modules, booking, sale, edge);
    }
}
