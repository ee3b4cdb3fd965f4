/**
 * DICOMweb archive source: finds studies with QIDO-RS, fetches instances with WADO-RS (explicit VR little
 * endian) and stores reports back with STOW-RS. Entry type: {@link org.stylexaudit.ingest.dicomweb.DicomWebClient}.
 */
package org.stylexaudit.ingest.dicomweb;
