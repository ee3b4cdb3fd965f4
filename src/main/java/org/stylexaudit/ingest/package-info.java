/**
 * Archive ingest: walks a folder tree, recognises DICOM, PNG, JPEG and TIFF files by content, normalises each
 * image (circular fundus field of view, square crop, resize) into the workspace cache and records every file in
 * the catalog. Entry types: {@link org.stylexaudit.ingest.FolderIngest} and {@link org.stylexaudit.ingest.FovNormaliser}.
 */
package org.stylexaudit.ingest;
