package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatTest {

    @TempDir
    Path tmp;

    @Test
    void sniff_writtenImages_recognisedByContentNotName() throws Exception {
        var img = FundusFixtures.fundus(40, 30, 20, 15, 12, 1);
        assertEquals(FileFormat.PNG, FileFormat.sniff(FundusFixtures.write(img, "png", tmp.resolve("a.jpg"))));
        assertEquals(FileFormat.JPEG, FileFormat.sniff(FundusFixtures.write(img, "jpeg", tmp.resolve("b.tif"))));
        assertEquals(FileFormat.TIFF, FileFormat.sniff(FundusFixtures.write(img, "tiff", tmp.resolve("c.png"))));
    }

    @Test
    void sniff_dicomPreambleHoldingTiffHeader_isDicom() {
        byte[] head = new byte[132];
        head[0] = 'I';
        head[1] = 'I';
        head[2] = 42;
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, head, 128, 4);
        assertEquals(FileFormat.DICOM, FileFormat.sniff(head, head.length));
        assertEquals(FileFormat.TIFF, FileFormat.sniff(head, 100));
    }

    @Test
    void sniff_textAndEmpty_unknown() throws Exception {
        Path t = Files.writeString(tmp.resolve("x.dcm"), "hello, not an image");
        assertEquals(FileFormat.UNKNOWN, FileFormat.sniff(t));
        assertEquals(FileFormat.UNKNOWN, FileFormat.sniff(Files.write(tmp.resolve("e"), new byte[0])));
    }
}
