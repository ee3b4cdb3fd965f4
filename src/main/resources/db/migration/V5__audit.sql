-- Nightly audit state. Every row is written in one transaction, keyed so that a re-run after a kill MERGEs the
-- same key instead of adding a second row.

-- The bundle classifier's output for each accepted image; one row per (image, classifier).
CREATE TABLE prediction (
  instance_id BIGINT NOT NULL REFERENCES instance(id),
  classifier_sha256 VARCHAR(64) NOT NULL,
  image_key VARCHAR(64) NOT NULL,
  predicted INT NOT NULL,
  probabilities VARCHAR(2000) NOT NULL,
  audit_run_id BIGINT REFERENCES run(id),
  classified_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (instance_id, classifier_sha256)
);

-- One row per analysed image set (digest of the sorted image keys, the bundle and the AttFind settings): which
-- discover run found its attributes, and which report and study packet were written from it. A stage whose
-- column is still empty is redone by the next audit.
CREATE TABLE audit_stage (
  image_set VARCHAR(64) PRIMARY KEY,
  images INT NOT NULL,
  discover_run_id BIGINT REFERENCES run(id),
  report_file VARCHAR(4000),
  study_dir VARCHAR(4000),
  stored_report BOOLEAN DEFAULT FALSE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

-- Studies fetched from a DICOMweb archive, by keyed hash of the Study Instance UID (no UID in clear), with the
-- instance count seen then: a study is fetched again only when its count changes.
CREATE TABLE dicomweb_study (
  source_id BIGINT NOT NULL REFERENCES source(id),
  study_key VARCHAR(64) NOT NULL,
  instances INT NOT NULL,
  fetched_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (source_id, study_key)
);
