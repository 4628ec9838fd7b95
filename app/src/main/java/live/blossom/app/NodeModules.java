package live.blossom.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import live.blossom.platform.bootstrap.BlossomModule;

/** Builds the modules of a node for the roles it plays, in start order. */
final class NodeModules {

    static final Set<String> ROLES = Set.of("edge", "chat", "sale", "booking");

    private NodeModules() {
    }

    static List<BlossomModule> forRoles(Set<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ROLES);
            }
        }
        List<BlossomModule> modules = new ArrayList<>();
        // Start order: booking, sale, chat, edge (one line each).
        if (roles.contains("sale")) modules.add(new live.blossom.sale.SaleModule());
        if (roles.contains("chat")) modules.add(new live.blossom.chat.ChatModule());
        return modules;
    }
}
