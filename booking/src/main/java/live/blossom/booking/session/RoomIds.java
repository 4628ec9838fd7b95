package live.blossom.booking.session;

import java.text.Normalizer;
import java.util.Locale;
import live.blossom.booking.Ids;

/**
 * Room ids for new live sessions: a readable slug of the title plus random hex, e.g.
 * {@code yak-milk-morning-3f9a2c1d}. The room id is also the stream name and the chat room id, so it
 * keeps to {@code [a-z0-9][a-z0-9-]{0,63}}.
 */
public final class RoomIds {

    private static final int SLUG_LENGTH = 40;

    private RoomIds() {
    }

    public static String from(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (ascii.length() > SLUG_LENGTH) {
            ascii = ascii.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
        }
        // Titles in Chinese or Tibetan script leave no ASCII slug: the room is then "live-<hex>".
        return (ascii.isEmpty() ? "live" : ascii) + "-" + Ids.random("", 4);
    }
}
