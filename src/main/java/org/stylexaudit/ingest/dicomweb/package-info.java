/**
 * DICOMweb archive source: finds studies with QIDO-RS, fetches instances with WADO-RS (explicit VR little
 * endian) into ingest, and stores reports back with STOW-RS. Entry types:
 * {@link org.stylexaudit.ingest.dicomweb.DicomWebClient}, {@link org.stylexaudit.ingest.dicomweb.DicomWebIngest}.
 */
package org.stylexaudit.ingest.dicomweb;
