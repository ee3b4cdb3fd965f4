package org.stylexaudit.study;

import java.nio.file.Path;
import java.util.List;

/**
 * What a study export wrote.
 *
 * @param studyId         the study's id in the workspace
 * @param packets         one entry per reviewer
 * @param itemsPerPacket  items in every packet
 */
public record ExportSummary(long studyId, List<PacketFiles> packets, int itemsPerPacket) {

    /** Copies the list. */
    public ExportSummary {
        packets = List.copyOf(packets);
    }

    /** The files of one packet. */
    public record PacketFiles(String packetId, Path pdf, Path csv, Path imageDir) {
    }
}
