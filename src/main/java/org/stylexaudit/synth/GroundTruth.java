package org.stylexaudit.synth;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes {@code ground-truth.csv}: a header line, then one comma-separated row per image. Numbers are
 * written with full precision, and the {@code lesions} column lists every lesion
 * ({@code TYPE:x:y:radius;...}), so the file alone is enough to redraw every image.
 *
 * <pre>{@code
 * for (GroundTruthRow row : GroundTruth.read(Path.of("sample-studies/ground-truth.csv"))) {
 *     boolean label = row.referableDr();
 * }
 * }</pre>
 */
public final class GroundTruth {

    /** File name of the ground truth inside an output folder. */
    public static final String FILE_NAME = "ground-truth.csv";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("image_id", "file", "format", "split", "referable_dr",
            "label_flipped", "severity_grade", "patient_id", "patient_name", "patient_birth_date", "patient_sex",
            "study_date", "accession_number", "study_instance_uid", "series_instance_uid", "sop_instance_uid",
            "laterality", "camera", "camera_manufacturer", "cast_r", "cast_g", "cast_b", "cast_warmth",
            "cast_green", "exposure", "pigmentation", "texture", "illumination_falloff", "disc_x", "disc_y",
            "disc_radius", "cup_to_disc", "macula_x", "macula_y", "macula_darkness", "vessel_calibre",
            "vessel_tortuosity", "microaneurysms", "haemorrhages", "red_lesions", "hard_exudates",
            "cotton_wool_spots", "drusen", "blur", "noise", "resolution", "image_seed", "lesions");

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private GroundTruth() {
    }

    /** Writes the rows to a CSV file, replacing it. */
    public static void write(Path file, List<GroundTruthRow> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (GroundTruthRow r : rows) {
                w.write(String.join(",", values(r)));
                w.write('\n');
            }
        }
    }

    /** Reads a CSV written by {@link #write}; columns are found by name, so added columns do not break it. */
    public static List<GroundTruthRow> read(Path file) throws IOException {
        List<GroundTruthRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + " is empty; expected a ground-truth header line");
            }
            String[] names = header.split(",", -1);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                index.put(names[i].trim(), i);
            }
            for (String c : COLUMNS) {
                if (!index.containsKey(c)) {
                    throw new IOException(file + " has no column '" + c + "'");
                }
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] v = line.split(",", -1);
                if (v.length != names.length) {
                    throw new IOException(file + " line " + lineNo + ": expected " + names.length + " fields, got "
                            + v.length);
                }
                try {
                    rows.add(parse(new Fields(v, index)));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    /** Returns the row's values in column order, as written. */
    static List<String> values(GroundTruthRow r) {
        FundusFactors f = r.factors();
        Patient p = r.patient();
        List<String> v = new ArrayList<>(COLUMNS.size());
        v.add(r.imageId());
        v.add(r.file());
        v.add(r.format());
        v.add(r.split());
        v.add(r.referableDr() ? "1" : "0");
        v.add(r.labelFlipped() ? "1" : "0");
        v.add(Integer.toString(r.severityGrade()));
        v.add(p.id());
        v.add(p.dicomName());
        v.add(p.birthDate().format(DATE));
        v.add(p.sex());
        v.add(r.studyDate().format(DATE));
        v.add(r.accessionNumber());
        v.add(r.studyInstanceUid());
        v.add(r.seriesInstanceUid());
        v.add(r.sopInstanceUid());
        v.add(f.laterality().dicomCode());
        v.add(f.camera().name());
        v.add(f.camera().manufacturer());
        for (double d : new double[] {f.castR(), f.castG(), f.castB(), f.castWarmth(), f.castGreen(), f.exposure(),
            f.pigmentation(), f.texture(), f.illuminationFalloff(), f.discX(), f.discY(), f.discRadius(),
            f.cupToDisc(), f.maculaX(), f.maculaY(), f.maculaDarkness(), f.vesselCalibre(),
            f.vesselTortuosity()}) {
            v.add(Double.toString(d));
        }
        v.add(Integer.toString(f.count(LesionType.MICROANEURYSM)));
        v.add(Integer.toString(f.count(LesionType.HAEMORRHAGE)));
        v.add(Integer.toString(f.redLesions()));
        v.add(Integer.toString(f.count(LesionType.HARD_EXUDATE)));
        v.add(Integer.toString(f.count(LesionType.COTTON_WOOL_SPOT)));
        v.add(Integer.toString(f.count(LesionType.DRUSE)));
        v.add(Double.toString(f.blur()));
        v.add(Double.toString(f.noise()));
        v.add(Integer.toString(r.resolution()));
        v.add(Long.toString(f.imageSeed()));
        v.add(lesions(f.lesions()));
        return v;
    }

    private static String lesions(List<Lesion> lesions) {
        StringBuilder sb = new StringBuilder();
        for (Lesion l : lesions) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(l.type().name()).append(':').append(l.x()).append(':').append(l.y()).append(':')
                    .append(l.radius());
        }
        return sb.toString();
    }

    private static List<Lesion> parseLesions(String s) {
        List<Lesion> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        for (String item : s.split(";")) {
            String[] p = item.split(":");
            if (p.length != 4) {
                throw new IllegalArgumentException("expected lesion TYPE:x:y:radius, got '" + item + "'");
            }
            out.add(new Lesion(LesionType.valueOf(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                    Double.parseDouble(p[3])));
        }
        return out;
    }

    private static GroundTruthRow parse(Fields f) {
        String[] name = f.get("patient_name").split("\\^", -1);
        Patient p = new Patient(f.get("patient_id"), name[0], name.length > 1 ? name[1] : "",
                LocalDate.parse(f.get("patient_birth_date"), DATE), f.get("patient_sex"));
        FundusFactors factors = new FundusFactors(Long.parseLong(f.get("image_seed")),
                Laterality.parse(f.get("laterality")), f.d("pigmentation"), f.d("texture"),
                f.d("illumination_falloff"), f.d("exposure"), f.d("disc_x"), f.d("disc_y"), f.d("disc_radius"),
                f.d("cup_to_disc"), f.d("macula_x"), f.d("macula_y"), f.d("macula_darkness"),
                f.d("vessel_calibre"), f.d("vessel_tortuosity"), parseLesions(f.get("lesions")),
                CameraModel.valueOf(f.get("camera").toUpperCase(Locale.ROOT)), f.d("cast_r"), f.d("cast_g"),
                f.d("cast_b"), f.d("blur"), f.d("noise"));
        return new GroundTruthRow(f.get("image_id"), f.get("file"), f.get("format"), f.get("split"),
                "1".equals(f.get("referable_dr")), "1".equals(f.get("label_flipped")),
                Integer.parseInt(f.get("severity_grade")), p, LocalDate.parse(f.get("study_date"), DATE),
                f.get("accession_number"), f.get("study_instance_uid"), f.get("series_instance_uid"),
                f.get("sop_instance_uid"), Integer.parseInt(f.get("resolution")), factors);
    }

    /** Field access by column name for one parsed line. */
    private record Fields(String[] values, Map<String, Integer> index) {
        String get(String column) {
            return values[index.get(column)].trim();
        }

        double d(String column) {
            return Double.parseDouble(get(column));
        }
    }
}
