-- Sources an archive was read from, the instances found there, and runs of commands.
CREATE TABLE source (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(20) NOT NULL,
  location VARCHAR(4000) NOT NULL,
  first_seen TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT source_unique UNIQUE (kind, location)
);

CREATE TABLE run (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  command VARCHAR(40) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  finished_at TIMESTAMP WITH TIME ZONE,
  status VARCHAR(20) NOT NULL,
  parameters CLOB,
  summary CLOB
);

-- One row per file seen in a source. image_key is an HMAC of the SOP Instance UID (or of the content
-- digest for non-DICOM images), so no UID is stored in clear.
CREATE TABLE instance (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  source_id BIGINT NOT NULL REFERENCES source(id),
  source_path VARCHAR(4000) NOT NULL,
  file_size BIGINT NOT NULL,
  file_mtime BIGINT NOT NULL,
  content_digest VARCHAR(64) NOT NULL,
  image_key VARCHAR(64),
  study_key VARCHAR(64),
  format VARCHAR(10) NOT NULL,
  sop_class VARCHAR(64),
  transfer_syntax VARCHAR(64),
  rows_ INT,
  columns_ INT,
  frames INT,
  laterality VARCHAR(2),
  status VARCHAR(20) NOT NULL,
  rejection_reason VARCHAR(2000),
  cache_path VARCHAR(1000),
  run_id BIGINT REFERENCES run(id),
  ingested_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT instance_path_unique UNIQUE (source_id, source_path)
);
CREATE INDEX instance_image_key ON instance(image_key);
CREATE INDEX instance_status ON instance(status);

-- A per-workspace secret for keyed hashes; created once, never leaves the workspace.
CREATE TABLE workspace_key (
  id INT PRIMARY KEY,
  secret BINARY(32) NOT NULL
);
