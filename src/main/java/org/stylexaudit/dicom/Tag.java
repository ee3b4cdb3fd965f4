package org.stylexaudit.dicom;

/**
 * Names common DICOM tags as {@code int} constants ({@code group << 16 | element}) and formats tags.
 *
 * <pre>{@code
 * String id = dataset.string(Tag.PatientID);
 * }</pre>
 */
public final class Tag {

    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int InstanceCreationDate = 0x00080012;
    public static final int InstanceCreationTime = 0x00080013;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int SeriesDate = 0x00080021;
    public static final int AcquisitionDate = 0x00080022;
    public static final int ContentDate = 0x00080023;
    public static final int AcquisitionDateTime = 0x0008002A;
    public static final int StudyTime = 0x00080030;
    public static final int SeriesTime = 0x00080031;
    public static final int AcquisitionTime = 0x00080032;
    public static final int ContentTime = 0x00080033;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int ConversionType = 0x00080064;
    public static final int Manufacturer = 0x00080070;
    public static final int InstitutionName = 0x00080080;
    public static final int InstitutionAddress = 0x00080081;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int CodeValue = 0x00080100;
    public static final int CodingSchemeDesignator = 0x00080102;
    public static final int CodeMeaning = 0x00080104;
    public static final int StationName = 0x00081010;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int InstitutionalDepartmentName = 0x00081040;
    public static final int PhysiciansOfRecord = 0x00081048;
    public static final int PerformingPhysicianName = 0x00081050;
    public static final int NameOfPhysiciansReadingStudy = 0x00081060;
    public static final int OperatorsName = 0x00081070;
    public static final int ManufacturerModelName = 0x00081090;
    public static final int ReferencedImageSequence = 0x00081140;
    public static final int ReferencedSOPClassUID = 0x00081150;
    public static final int ReferencedSOPInstanceUID = 0x00081155;
    public static final int AnatomicRegionSequence = 0x00082218;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int IssuerOfPatientID = 0x00100021;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientBirthTime = 0x00100032;
    public static final int PatientSex = 0x00100040;
    public static final int OtherPatientIDs = 0x00101000;
    public static final int OtherPatientNames = 0x00101001;
    public static final int PatientAge = 0x00101010;
    public static final int PatientSize = 0x00101020;
    public static final int PatientWeight = 0x00101030;
    public static final int PatientAddress = 0x00101040;
    public static final int PatientTelephoneNumbers = 0x00102154;
    public static final int PatientComments = 0x00104000;
    public static final int BodyPartExamined = 0x00180015;
    public static final int DeviceSerialNumber = 0x00181000;
    public static final int SoftwareVersions = 0x00181020;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int InstanceNumber = 0x00200013;
    public static final int PatientOrientation = 0x00200020;
    public static final int FrameOfReferenceUID = 0x00200052;
    public static final int Laterality = 0x00200060;
    public static final int ImageLaterality = 0x00200062;
    public static final int ImageComments = 0x00204000;
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int FrameIncrementPointer = 0x00280009;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int PixelSpacing = 0x00280030;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int RedPaletteColorLookupTableDescriptor = 0x00281101;
    public static final int GreenPaletteColorLookupTableDescriptor = 0x00281102;
    public static final int BluePaletteColorLookupTableDescriptor = 0x00281103;
    public static final int RedPaletteColorLookupTableData = 0x00281201;
    public static final int GreenPaletteColorLookupTableData = 0x00281202;
    public static final int BluePaletteColorLookupTableData = 0x00281203;
    public static final int SegmentedRedPaletteColorLookupTableData = 0x00281221;
    public static final int LossyImageCompression = 0x00282110;
    public static final int LossyImageCompressionRatio = 0x00282112;
    public static final int LossyImageCompressionMethod = 0x00282114;
    public static final int ModalityLUTSequence = 0x00283000;
    public static final int VOILUTSequence = 0x00283010;
    public static final int ContentSequence = 0x0040A730;
    public static final int DocumentTitle = 0x00420010;
    public static final int EncapsulatedDocument = 0x00420011;
    public static final int MIMETypeOfEncapsulatedDocument = 0x00420012;
    public static final int ExtendedOffsetTable = 0x7FE00001;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;
    public static final int DataSetTrailingPadding = 0xFFFCFFFC;
    /** Item (FFFE,E000). */
    public static final int Item = 0xFFFEE000;
    /** Item Delimitation Item (FFFE,E00D). */
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    /** Sequence Delimitation Item (FFFE,E0DD). */
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    private Tag() {
    }

    /** Returns the group number of a tag. */
    public static int group(int tag) {
        return tag >>> 16;
    }

    /** Returns the element number of a tag. */
    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Formats a tag as {@code (gggg,eeee)} in upper-case hex. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }

    /** Tells whether a tag is private (odd group number). */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** Returns the keyword of a tag from the built-in dictionary, or "" when unknown. */
    public static String keyword(int tag) {
        return Dictionary.keyword(tag);
    }
}
