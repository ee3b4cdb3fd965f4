-- AttFind results, tied to a run row. Effects and style vectors are float32 little-endian BLOBs: one row per image
-- instead of one per (image, column, class), which for N=250 and 1,000 coordinates would be a million rows.
CREATE TABLE attfind_run (
  run_id BIGINT PRIMARY KEY REFERENCES run(id),
  bundle_path VARCHAR(4000) NOT NULL,
  bundle_sha256 VARCHAR(64) NOT NULL,
  classifier_sha256 VARCHAR(64) NOT NULL,
  method VARCHAR(20) NOT NULL,
  images INT NOT NULL,
  stable_images INT NOT NULL,
  k INT NOT NULL,
  shift_factor DOUBLE PRECISION NOT NULL,
  config CLOB NOT NULL,
  class_names CLOB NOT NULL,
  coordinates INT NOT NULL,
  evaluations BIGINT NOT NULL,
  seconds DOUBLE PRECISION NOT NULL,
  reconstruction_agreement DOUBLE PRECISION NOT NULL,
  mean_abs_probability_change DOUBLE PRECISION NOT NULL,
  psnr DOUBLE PRECISION NOT NULL,
  style_min BLOB NOT NULL,
  style_max BLOB NOT NULL
);

CREATE TABLE attfind_column (
  run_id BIGINT NOT NULL REFERENCES run(id),
  col INT NOT NULL,
  direction INT NOT NULL,
  coordinate INT NOT NULL,
  PRIMARY KEY (run_id, col)
);

CREATE TABLE attfind_image (
  run_id BIGINT NOT NULL REFERENCES run(id),
  idx INT NOT NULL,
  image_key VARCHAR(64) NOT NULL,
  stable BOOLEAN NOT NULL,
  predicted INT NOT NULL,
  large_effect_share DOUBLE PRECISION NOT NULL,
  psnr DOUBLE PRECISION NOT NULL,
  original_probabilities BLOB NOT NULL,
  reconstructed_probabilities BLOB NOT NULL,
  styles BLOB NOT NULL,
  effects BLOB NOT NULL,
  PRIMARY KEY (run_id, idx)
);

CREATE TABLE attfind_attribute (
  run_id BIGINT NOT NULL REFERENCES run(id),
  attribute_id VARCHAR(16) NOT NULL,
  target_class INT NOT NULL,
  rank_ INT NOT NULL,
  direction INT NOT NULL,
  coordinate INT NOT NULL,
  style_index INT NOT NULL,
  layer VARCHAR(200) NOT NULL,
  channel INT NOT NULL,
  mean_effect DOUBLE PRECISION NOT NULL,
  share_affected DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, attribute_id)
);

CREATE TABLE attfind_ranking (
  run_id BIGINT NOT NULL REFERENCES run(id),
  idx INT NOT NULL,
  rank_ INT NOT NULL,
  direction INT NOT NULL,
  coordinate INT NOT NULL,
  target_class INT NOT NULL,
  probability_before DOUBLE PRECISION NOT NULL,
  probability_after DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, idx, rank_)
);

CREATE TABLE attfind_sufficiency (
  run_id BIGINT NOT NULL REFERENCES run(id),
  k INT NOT NULL,
  share_flipped DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, k)
);

CREATE TABLE attfind_alignment (
  run_id BIGINT NOT NULL REFERENCES run(id),
  attribute_id VARCHAR(16) NOT NULL,
  factor VARCHAR(200) NOT NULL,
  change_sd DOUBLE PRECISION NOT NULL,
  change_raw DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, attribute_id, factor)
);
