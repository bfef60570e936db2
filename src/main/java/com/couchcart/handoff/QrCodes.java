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
    /** A TV screen is 1080 pixels high. */
    static final int MAX_SIZE = 1080;

    /** The modules of a code, each {@code scale} pixels wide, starting {@code offset} pixels in from the edges. */
    private record Layout(ByteMatrix modules, int scale, int offset) {
    }

    private QrCodes() {
    }

    static byte[] png(String content, int size) {
        Layout layout = layout(content, size);
        int rowBytes = 1 + (size + 7) / 8; // a filter byte (0: none), then 1 bit per pixel, 1 = white
        byte[] white = new byte[rowBytes];
        Arrays.fill(white, 1, rowBytes, (byte) 0xff);
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(rows)) {
            ByteMatrix modules = layout.modules();
            for (int y = 0; y < layout.offset(); y++) {
                deflated.write(white);
            }
            for (int row = 0; row < modules.getHeight(); row++) {
                // Each row of modules is drawn once and written scale times.
                byte[] line = white.clone();
                for (int column = 0; column < modules.getWidth(); column++) {
                    if (modules.get(column, row) == 1) {
                        int from = layout.offset() + column * layout.scale();
                        for (int x = from; x < from + layout.scale(); x++) {
                            line[1 + x / 8] &= (byte) ~(0x80 >>> (x % 8));
                        }
                    }
                }
                for (int repeat = 0; repeat < layout.scale(); repeat++) {
                    deflated.write(line);
                }
            }
            for (int y = layout.offset() + modules.getHeight() * layout.scale(); y < size; y++) {
                deflated.write(white);
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
        // Links are at most a few hundred characters (the handoff bounds them), so a code has at most ~100 modules
        // and fits the smallest size; one pixel per module is the floor all the same.
        int scale = Math.max(1, size / (modules.getWidth() + 2 * QUIET_ZONE));
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
