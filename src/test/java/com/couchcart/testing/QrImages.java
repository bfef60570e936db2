package com.couchcart.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads QR codes back, as a phone's camera would: from pixels, or from the modules an SVG draws. */
public final class QrImages {

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"-(\\d+) -(\\d+) (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile(" d=\"([^\"]*)\"");

    private QrImages() {
    }

    public static BufferedImage image(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The text of the QR code in an image. */
    public static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (com.google.zxing.NotFoundException notFound) {
            // ZXing's finder-pattern search misses the odd perfectly clean code; an upright code alone in its quiet
            // zone (the service's image, the TV's QR element) reads as a pure barcode.
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
        }
    }

    /** The text of the QR code an SVG of ours draws, read from its modules. */
    public static String decodeSvg(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!box.find() || !path.find()) {
            throw new IllegalArgumentException("Not a QR code SVG: " + svg);
        }
        int modules = Integer.parseInt(box.group(3)) - 2 * Integer.parseInt(box.group(1));
        BitMatrix matrix = new BitMatrix(modules);
        Matcher run = RUN.matcher(path.group(1));
        while (run.find()) {
            matrix.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)),
                    Integer.parseInt(run.group(3)), 1);
        }
        return new Decoder().decode(matrix).getText();
    }
}
