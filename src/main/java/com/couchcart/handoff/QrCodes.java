package com.couchcart.handoff;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * QR codes as PNG and SVG images of an exact pixel size, with at least the 4-module quiet zone the standard
 * asks for. ZXing lays out the modules; the images are written here, without AWT, so a native build needs
 * nothing extra.
 */
final class QrCodes {

    static final int QUIET_ZONE = 4;
    static final int MIN_SIZE = 128;
    static final int MAX_SIZE = 2048;

    /** Black modules of a code and where they sit in an image of {@code size} pixels. */
    private record Layout(ByteMatrix modules, int scale, int offset) {

        boolean dark(int x, int y) {
            int column = Math.floorDiv(x - offset, scale);
            int row = Math.floorDiv(y - offset, scale);
            return column >= 0 && row >= 0 && column < modules.getWidth() && row < modules.getHeight()
                    && modules.get(column, row) == 1;
        }
    }

    private QrCodes() {
    }

    static byte[] png(String content, int size) {
        Layout layout = layout(content, size);
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(rows)) {
            byte[] row = new byte[1 + (size + 7) / 8];
            for (int y = 0; y < size; y++) {
                Arrays.fill(row, (byte) 0);
                for (int x = 0; x < size; x++) {
                    if (!layout.dark(x, y)) {
                        row[1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                    }
                }
                deflated.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(png)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream headerOut = new DataOutputStream(header);
            headerOut.writeInt(size);
            headerOut.writeInt(size);
            headerOut.write(new byte[] {1, 0, 0, 0, 0}); // 1 bit per pixel, greyscale, deflate, no filter, no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", rows.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** A vector image: the modules in a view box that includes the quiet zone, drawn at {@code size} pixels. */
    static String svg(String content, int size) {
        ByteMatrix modules = encode(content);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y) != 1) {
                    continue;
                }
                int run = 1;
                while (x + run < modules.getWidth() && modules.get(x + run, y) == 1) {
                    run++;
                }
                path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        int extent = modules.getWidth() + 2 * QUIET_ZONE;
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"-%d -%d %d %d\" "
                + "shape-rendering=\"crispEdges\"><rect x=\"-%d\" y=\"-%d\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"%s\"/></svg>")
                .formatted(size, size, QUIET_ZONE, QUIET_ZONE, extent, extent, QUIET_ZONE, QUIET_ZONE, extent, extent, path);
    }

    private static Layout layout(String content, int size) {
        ByteMatrix modules = encode(content);
        int withQuietZone = modules.getWidth() + 2 * QUIET_ZONE;
        int scale = size / withQuietZone;
        if (scale < 1) {
            throw new IllegalArgumentException("A QR code of " + withQuietZone + " modules needs at least that many pixels");
        }
        // What the whole modules leave over widens the quiet zone, centring the code.
        int offset = (size - modules.getWidth() * scale) / 2;
        return new Layout(modules, scale, offset);
    }

    private static ByteMatrix encode(String content) {
        try {
            return Encoder.encode(content, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name())).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code of " + content.length() + " characters", e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
