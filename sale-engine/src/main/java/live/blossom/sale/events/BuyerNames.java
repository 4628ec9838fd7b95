package live.blossom.sale.events;

/** Shows a buyer to the room without giving the name away: "Dawa" becomes "D***a". */
public final class BuyerNames {

    private BuyerNames() {
    }

    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return "***";
        }
        String trimmed = name.strip();
        int[] cps = trimmed.codePoints().toArray();
        String first = new String(cps, 0, 1);
        if (cps.length == 1) {
            return first + "***";
        }
        return first + "***" + new String(cps, cps.length - 1, 1);
    }
}
