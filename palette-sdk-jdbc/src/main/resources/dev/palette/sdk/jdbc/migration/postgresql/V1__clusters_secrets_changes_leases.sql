-- Clusters: the document is the whole Cluster record as jsonb; the columns beside it are what queries,
-- uniqueness and compare-and-set need.
CREATE TABLE palette_cluster (
    id               VARCHAR(64)  PRIMARY KEY,
    tenant           VARCHAR(128) NOT NULL,
    project          VARCHAR(128) NOT NULL,
    name             VARCHAR(128) NOT NULL,
    resource_version BIGINT       NOT NULL,
    doc              JSONB        NOT NULL,
    CONSTRAINT palette_cluster_name UNIQUE (tenant, project, name)
);
CREATE INDEX palette_cluster_scope ON palette_cluster (tenant, project, id);

-- The change feed: one row per write; followers poll by sequence.
CREATE TABLE palette_cluster_change (
    seq              BIGSERIAL   PRIMARY KEY,
    cluster_id       VARCHAR(64) NOT NULL,
    change_type      VARCHAR(16) NOT NULL,
    resource_version BIGINT      NOT NULL
);

-- Secrets, encrypted with AES-GCM under the host's key named in key_id.
CREATE TABLE palette_secret (
    secret_key  VARCHAR(512) PRIMARY KEY,
    key_id      VARCHAR(64)  NOT NULL,
    nonce       BYTEA        NOT NULL,
    ciphertext  BYTEA        NOT NULL
);

-- Leases for several engines on one database (which engine reconciles which cluster).
CREATE TABLE palette_cluster_lease (
    cluster_id  VARCHAR(64)  PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
