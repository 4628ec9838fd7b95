package live.blossom.app.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.LocalTime;

/**
 * Paints the demo broadcast's picture: moving colour bars and a running clock drawn as
 * seven-segment digits, so that it needs no fonts on the machine and a test can read motion
 * from the pixels.
 */
final class TestPattern {

    private static final Color[] BARS = {
        new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
        new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192)
    };
    // Segments a..g of each digit 0-9, as bits 0..6.
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private final BufferedImage image;
    private final Graphics2D g;
    private final int width;
    private final int height;

    TestPattern(int width, int height) {
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.g = image.createGraphics();
    }

    /** Draws the frame for the given stream time and wall-clock time and returns the image. */
    BufferedImage paint(long frameIndex, LocalTime clock) {
        int barWidth = (width + BARS.length - 1) / BARS.length;
        int shift = (int) (frameIndex * 4 % width);
        for (int i = 0; i < BARS.length + 1; i++) {
            g.setColor(BARS[i % BARS.length]);
            int x = i * barWidth - shift % barWidth;
            g.fillRect(x, 0, barWidth, height * 2 / 3);
        }
        g.setColor(new Color(20, 20, 30));
        g.fillRect(0, height * 2 / 3, width, height - height * 2 / 3);
        // A white square sweeping left to right: motion that is obvious even at a glance.
        g.setColor(Color.WHITE);
        int box = height / 12;
        g.fillRect((int) (frameIndex * 6 % (width - box)), height * 2 / 3 - box - 4, box, box);

        String text = String.format("%02d:%02d:%02d.%d", clock.getHour(), clock.getMinute(), clock.getSecond(),
                clock.getNano() / 100_000_000);
        int digitHeight = height / 5;
        int digitWidth = digitHeight / 2;
        int x = (width - text.length() * (digitWidth + digitWidth / 3)) / 2;
        int y = height * 2 / 3 + (height / 3 - digitHeight) / 2;
        g.setColor(new Color(255, 200, 60));
        for (char c : text.toCharArray()) {
            if (Character.isDigit(c)) {
                drawDigit(c - '0', x, y, digitWidth, digitHeight);
            } else {
                int dot = Math.max(2, digitWidth / 5);
                if (c == ':') {
                    g.fillRect(x + digitWidth / 2 - dot / 2, y + digitHeight / 3, dot, dot);
                }
                g.fillRect(x + digitWidth / 2 - dot / 2, y + digitHeight * 2 / 3 + (c == '.' ? digitHeight / 3 - dot : 0),
                        dot, dot);
            }
            x += digitWidth + digitWidth / 3;
        }
        return image;
    }

    private void drawDigit(int digit, int x, int y, int w, int h) {
        int t = Math.max(2, w / 5);
        int half = h / 2;
        int bits = SEGMENTS[digit];
        if ((bits & 0x01) != 0) g.fillRect(x, y, w, t);                     // a: top
        if ((bits & 0x02) != 0) g.fillRect(x + w - t, y, t, half);           // b: top right
        if ((bits & 0x04) != 0) g.fillRect(x + w - t, y + half, t, half);    // c: bottom right
        if ((bits & 0x08) != 0) g.fillRect(x, y + h - t, w, t);              // d: bottom
        if ((bits & 0x10) != 0) g.fillRect(x, y + half, t, half);            // e: bottom left
        if ((bits & 0x20) != 0) g.fillRect(x, y, t, half);                   // f: top left
        if ((bits & 0x40) != 0) g.fillRect(x, y + half - t / 2, w, t);       // g: middle
    }
}
