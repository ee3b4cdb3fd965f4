-- User studies: exported packets, their answer key and imported answers. The answer key (study_item) never
-- leaves the workspace; packets carry only opaque item codes and an HMAC digest of their item list.
CREATE TABLE study (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  run_id BIGINT,
  findings_digest VARCHAR(64) NOT NULL,
  class_names CLOB NOT NULL,
  reviewers INT NOT NULL,
  items_per_attribute INT NOT NULL,
  seed BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE study_packet (
  packet_id VARCHAR(40) PRIMARY KEY,
  study_id BIGINT NOT NULL REFERENCES study(id),
  reviewer_no INT NOT NULL,
  item_digest VARCHAR(64) NOT NULL,
  imported_at TIMESTAMP WITH TIME ZONE,
  imported_file_digest VARCHAR(64),
  imported_format VARCHAR(8)
);

CREATE TABLE study_item (
  packet_id VARCHAR(40) NOT NULL REFERENCES study_packet(packet_id),
  position INT NOT NULL,
  item_code VARCHAR(16) NOT NULL,
  subject VARCHAR(120) NOT NULL,
  attribute_id VARCHAR(40) NOT NULL,
  image_key VARCHAR(64) NOT NULL,
  correct_class VARCHAR(200) NOT NULL,
  PRIMARY KEY (packet_id, position)
);

CREATE TABLE study_answer (
  packet_id VARCHAR(40) NOT NULL,
  position INT NOT NULL,
  chosen_class VARCHAR(200),
  words VARCHAR(4000),
  confidence INT,
  PRIMARY KEY (packet_id, position),
  FOREIGN KEY (packet_id, position) REFERENCES study_item(packet_id, position)
);
