package dev.winnow.study.report;

import dev.winnow.study.report.ExampleSection.Pick;
import dev.winnow.study.report.ExampleSection.Side;
import dev.winnow.study.results.ExtremeExamples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Grids of example images (AWT, drawn into PNG files): eight to a row, dark ink on white, each captioned
 * with its class; an example whose label was flipped gets a red frame and "true→training" in red.
 */
public final class ExampleGrids {
    private static final int COLS = 8;
    private static final Color FLIPPED = new Color(0xd62728);

    private ExampleGrids() {
    }

    /** Draws the grids of an image section into {@code out}; nothing for text or without a section. */
    public static void write(ExampleSection section, ReportOutput out) {
        if (section == null || !section.images()) {
            return;
        }
        for (Pick p : section.picks()) {
            for (Side side : List.of(p.hardest(), p.easiest())) {
                out.png(side.file(), draw(section.sheet(), side.ids()));
            }
        }
    }

    /** The grid of the examples {@code ids} (those {@code sheet} lacks leave their cell blank). */
    public static BufferedImage draw(ExtremeExamples sheet, List<Long> ids) {
        int h = sheet.height();
        int w = sheet.width();
        int scale = Math.max(1, 84 / Math.max(h, w));
        int rows = (ids.size() + COLS - 1) / COLS;
        int cellW = Math.max(w * scale + 8, 124);
        int capH = 16;
        int cellH = h * scale + 8 + capH;
        BufferedImage im = new BufferedImage(COLS * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, im.getWidth(), im.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int j = 0; j < ids.size(); j++) {
            ExtremeExamples.Example e = sheet.example(ids.get(j));
            if (e == null) {
                continue;
            }
            byte[] px = e.pixelBytes();
            int x0 = (j % COLS) * cellW + (cellW - w * scale) / 2;
            int y0 = (j / COLS) * cellH + 4;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int v = 255 - (px[r * w + c] & 255); // dark ink on white paper
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            if (e.flipped()) {
                g.setColor(FLIPPED);
                g.setStroke(new BasicStroke(3));
                g.drawRect(x0 - 2, y0 - 2, w * scale + 3, h * scale + 3);
            }
            String cap = e.flipped() ? sheet.className(e.label()) + "→" + sheet.className(e.trainLabel())
                    : sheet.className(e.label());
            g.setColor(e.flipped() ? FLIPPED : new Color(0x555555));
            for (float size = 11f; size >= 8f; size -= 0.5f) { // the largest font whose caption fits the cell
                g.setFont(g.getFont().deriveFont(size));
                if (g.getFontMetrics().stringWidth(cap) <= cellW - 6) {
                    break;
                }
            }
            int tw = g.getFontMetrics().stringWidth(cap);
            int cellX = (j % COLS) * cellW;
            g.drawString(cap, cellX + Math.max(3, (cellW - tw) / 2), y0 + h * scale + 14);
        }
        g.dispose();
        return im;
    }
}
