/**
 * Reads and writes DICOM Part 10 files and decodes their pixel data: {@link org.stylexaudit.dicom.DicomReader},
 * {@link org.stylexaudit.dicom.DicomObject}, {@link org.stylexaudit.dicom.ImageDecoder} and
 * {@link org.stylexaudit.dicom.DicomWriter}. {@link org.stylexaudit.dicom.Deidentifier} names the tags that carry
 * patient information.
 */
package org.stylexaudit.dicom;
