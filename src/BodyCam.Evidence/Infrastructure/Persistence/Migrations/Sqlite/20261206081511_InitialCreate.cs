using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Readers do not wait for the writer. The mode is kept in the database file, and cannot change inside a transaction.
            migrationBuilder.Sql("PRAGMA journal_mode=WAL;", suppressTransaction: true);

            migrationBuilder.CreateTable(
                name: "body_worn_systems",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    connection_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_body_worn_systems", x => x.system_id);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recording_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    object_name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    category_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    category_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    tags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    start_time = table.Column<long>(type: "INTEGER", nullable: true),
                    end_time = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookmarks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cameras",
                columns: table => new
                {
                    serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cameras", x => x.serial);
                });

            migrationBuilder.CreateTable(
                name: "case_links",
                columns: table => new
                {
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    linked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_links", x => new { x.evidence_id, x.case_number });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    case_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.case_number);
                });

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    retention_days = table.Column<int>(type: "INTEGER", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clip_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    start_seconds = table.Column<double>(type: "REAL", nullable: false),
                    end_seconds = table.Column<double>(type: "REAL", nullable: false),
                    bookmark_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    before_seconds = table.Column<double>(type: "REAL", nullable: true),
                    after_seconds = table.Column<double>(type: "REAL", nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    accurate = table.Column<bool>(type: "INTEGER", nullable: false),
                    redactions = table.Column<string>(type: "TEXT", nullable: false),
                    watermark = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    progress = table.Column<int>(type: "INTEGER", nullable: false),
                    first_approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    first_approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    first_approval_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    processing_started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    job_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    export_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clip_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "custody_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    time = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    client_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    content_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    entry = table.Column<byte[]>(type: "BLOB", nullable: false),
                    leaf_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custody_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disposition_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    items = table.Column<int>(type: "INTEGER", nullable: false),
                    signed_note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disposition_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disposition_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdrawn_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    withdrawn_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdraw_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disposition_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dock_tokens",
                columns: table => new
                {
                    token_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dock_tokens", x => x.token_sha256);
                });

            migrationBuilder.CreateTable(
                name: "docks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    site = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    key_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_docks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    start_seconds = table.Column<double>(type: "REAL", nullable: false),
                    end_seconds = table.Column<double>(type: "REAL", nullable: true),
                    label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    tags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_bookmarks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_categories",
                columns: table => new
                {
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    assigned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    assigned_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_categories", x => new { x.evidence_id, x.category_id });
                });

            migrationBuilder.CreateTable(
                name: "evidence_exports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    clip_request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    blob_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    clip_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    max_downloads = table.Column<int>(type: "INTEGER", nullable: false),
                    downloads = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_exports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    blob_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    stream_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    stored_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    upload_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    recording_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    officer_unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_until = table.Column<long>(type: "INTEGER", nullable: false),
                    verified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_fixity_check_at = table.Column<long>(type: "INTEGER", nullable: true),
                    quarantine_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    probe_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    probe_failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    poster_blob_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    retain_until = table.Column<long>(type: "INTEGER", nullable: true),
                    retained_by_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    disposition = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    soft_deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    purge_after = table.Column<long>(type: "INTEGER", nullable: true),
                    purged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    disposition_certificate_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    immutable_until = table.Column<long>(type: "INTEGER", nullable: true),
                    blob_legal_hold = table.Column<bool>(type: "INTEGER", nullable: false),
                    media_audio_codec = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    media_bit_rate = table.Column<long>(type: "INTEGER", nullable: true),
                    media_container = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    media_creation_time = table.Column<long>(type: "INTEGER", nullable: true),
                    media_duration_seconds = table.Column<double>(type: "REAL", nullable: true),
                    media_frame_rate = table.Column<double>(type: "REAL", nullable: true),
                    media_height = table.Column<int>(type: "INTEGER", nullable: true),
                    media_video_codec = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    media_width = table.Column<int>(type: "INTEGER", nullable: true),
                    recording_category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    recording_content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recording_declared_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_device_serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_extra_metadata_json = table.Column<string>(type: "TEXT", nullable: true),
                    recording_file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    recording_officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_recorded_end = table.Column<long>(type: "INTEGER", nullable: true),
                    recording_recorded_start = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    reviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gnss_points",
                columns: table => new
                {
                    recording_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    longitude = table.Column<double>(type: "REAL", nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: false),
                    seconds_from_start = table.Column<double>(type: "REAL", nullable: true),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gnss_points", x => new { x.recording_id, x.index });
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    signed_note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.tree_size);
                });

            migrationBuilder.CreateTable(
                name: "ledger_nodes",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_nodes", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "legal_hold_items",
                columns: table => new
                {
                    hold_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_hold_items", x => new { x.hold_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    matter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    case_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    from = table.Column<long>(type: "INTEGER", nullable: true),
                    to = table.Column<long>(type: "INTEGER", nullable: true),
                    placed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    placed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    released_at = table.Column<long>(type: "INTEGER", nullable: true),
                    release_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_holds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "officers",
                columns: table => new
                {
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    axis_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_officers", x => x.officer_id);
                });

            migrationBuilder.CreateTable(
                name: "recording_objects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recording_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    blob_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    metadata_json = table.Column<string>(type: "TEXT", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recording_objects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recordings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    container_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    device_serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trigger_on_time = table.Column<long>(type: "INTEGER", nullable: true),
                    scu_serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rejected = table.Column<bool>(type: "INTEGER", nullable: false),
                    rejected_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    original_container = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    metadata_json = table.Column<string>(type: "TEXT", nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    track_west = table.Column<double>(type: "REAL", nullable: true),
                    track_south = table.Column<double>(type: "REAL", nullable: true),
                    track_east = table.Column<double>(type: "REAL", nullable: true),
                    track_north = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recordings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "uploads",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    dock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recording_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    blob_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    metadata_header = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    length = table.Column<long>(type: "INTEGER", nullable: true),
                    offset = table.Column<long>(type: "INTEGER", nullable: false),
                    block_count = table.Column<int>(type: "INTEGER", nullable: false),
                    hash_state = table.Column<byte[]>(type: "BLOB", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recording_category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    recording_content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recording_declared_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_device_serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_extra_metadata_json = table.Column<string>(type: "TEXT", nullable: true),
                    recording_file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    recording_officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recording_recorded_end = table.Column<long>(type: "INTEGER", nullable: true),
                    recording_recorded_start = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_uploads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "view_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content_length = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    client_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_request_at = table.Column<long>(type: "INTEGER", nullable: false),
                    requests = table.Column<int>(type: "INTEGER", nullable: false),
                    served_ranges = table.Column<string>(type: "TEXT", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_view_sessions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_category_id",
                table: "bookmarks",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_recording_id",
                table: "bookmarks",
                column: "recording_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_links_case_number",
                table: "case_links",
                column: "case_number");

            migrationBuilder.CreateIndex(
                name: "ix_clip_requests_evidence_id",
                table: "clip_requests",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_clip_requests_requested_by",
                table: "clip_requests",
                column: "requested_by");

            migrationBuilder.CreateIndex(
                name: "ix_clip_requests_status_processing_started_at",
                table: "clip_requests",
                columns: new[] { "status", "processing_started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_custody_events_evidence_id",
                table: "custody_events",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_custody_events_sequence",
                table: "custody_events",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disposition_requests_evidence_id_status",
                table: "disposition_requests",
                columns: new[] { "evidence_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_dock_tokens_expires_at",
                table: "dock_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_docks_key_sha256",
                table: "docks",
                column: "key_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_bookmarks_evidence_id",
                table: "evidence_bookmarks",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_categories_category_id",
                table: "evidence_categories",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_exports_clip_request_id",
                table: "evidence_exports",
                column: "clip_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_disposition_retain_until",
                table: "evidence_items",
                columns: new[] { "disposition", "retain_until" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_recorded_until",
                table: "evidence_items",
                columns: new[] { "officer_unit", "recorded_at", "recorded_until" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_probe_status_verified_at",
                table: "evidence_items",
                columns: new[] { "probe_status", "verified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_recording_id",
                table: "evidence_items",
                column: "recording_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_last_fixity_check_at",
                table: "evidence_items",
                columns: new[] { "status", "last_fixity_check_at" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_received_at",
                table: "evidence_items",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_recorded_at_recorded_until",
                table: "evidence_items",
                columns: new[] { "status", "recorded_at", "recorded_until" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_notes_evidence_id",
                table: "evidence_notes",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_reviews_evidence_id",
                table: "evidence_reviews",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_hold_items_evidence_id",
                table: "legal_hold_items",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_holds_released_at",
                table: "legal_holds",
                column: "released_at");

            migrationBuilder.CreateIndex(
                name: "ix_officers_axis_user_id",
                table: "officers",
                column: "axis_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recording_objects_evidence_id",
                table: "recording_objects",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_recording_objects_recording_id_name",
                table: "recording_objects",
                columns: new[] { "recording_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_recordings_device_serial_trigger_on_time",
                table: "recordings",
                columns: new[] { "device_serial", "trigger_on_time" });

            migrationBuilder.CreateIndex(
                name: "ix_recordings_dock_id_container_name",
                table: "recordings",
                columns: new[] { "dock_id", "container_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recordings_officer_id_trigger_on_time",
                table: "recordings",
                columns: new[] { "officer_id", "trigger_on_time" });

            migrationBuilder.CreateIndex(
                name: "ix_unit_assignments_officer_id_from",
                table: "unit_assignments",
                columns: new[] { "officer_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_uploads_evidence_id",
                table: "uploads",
                column: "evidence_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_uploads_status_expires_at",
                table: "uploads",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_view_sessions_evidence_id",
                table: "view_sessions",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_view_sessions_key",
                table: "view_sessions",
                column: "key",
                unique: true,
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_view_sessions_last_request_at",
                table: "view_sessions",
                column: "last_request_at",
                filter: "closed_at IS NULL");

            // Written by hand from here on: what the model cannot say.

            // The custody log is append-only whatever the application does: no row may disappear, and the only change a
            // row may ever see is its integration after commit — an unsequenced row gets its sequence, entry bytes and
            // leaf hash, once, with every recorded field left as it was.
            migrationBuilder.Sql("""
                CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: DELETE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
                WHEN NOT (OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND length(NEW.entry) > 0 AND length(NEW.leaf_hash) = 32
                    AND NEW.id IS OLD.id AND NEW.time IS OLD.time AND NEW.actor_id IS OLD.actor_id AND NEW.actor_kind IS OLD.actor_kind
                    AND NEW.actor_role IS OLD.actor_role AND NEW.client_ip IS OLD.client_ip AND NEW.action IS OLD.action
                    AND NEW.evidence_id IS OLD.evidence_id AND NEW.content_sha256 IS OLD.content_sha256 AND NEW.reason IS OLD.reason
                    AND NEW.outcome IS OLD.outcome)
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: UPDATE refused'); END;
                """);

            // Tree nodes and issued checkpoints are as append-only as the events they commit to.
            foreach (var name in new[] { "ledger_nodes", "ledger_checkpoints" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {name} BEGIN SELECT RAISE(ABORT, '{name} is append-only: UPDATE refused'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {name}_no_delete BEFORE DELETE ON {name} BEGIN SELECT RAISE(ABORT, '{name} is append-only: DELETE refused'); END;");
            }

            // EF indexes no column of a complex property (the recording's officer, camera and recorded end). With
            // recorded_until in the key, a time range is checked in the index instead of on every row of the officer's or
            // camera's history. The upload-delay view reads one period of recorded ends, a supervisor's within their unit.
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_officer_recorded_at_recorded_until ON evidence_items (recording_officer_id, recorded_at, recorded_until);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_device_recorded_at_recorded_until ON evidence_items (recording_device_serial, recorded_at, recorded_until);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_recorded_end ON evidence_items (recording_recorded_end);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_officer_unit_recorded_end ON evidence_items (officer_unit, recording_recorded_end);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "body_worn_systems");

            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "cameras");

            migrationBuilder.DropTable(
                name: "case_links");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "clip_requests");

            migrationBuilder.DropTable(
                name: "custody_events");

            migrationBuilder.DropTable(
                name: "disposition_certificates");

            migrationBuilder.DropTable(
                name: "disposition_requests");

            migrationBuilder.DropTable(
                name: "dock_tokens");

            migrationBuilder.DropTable(
                name: "docks");

            migrationBuilder.DropTable(
                name: "evidence_bookmarks");

            migrationBuilder.DropTable(
                name: "evidence_categories");

            migrationBuilder.DropTable(
                name: "evidence_exports");

            migrationBuilder.DropTable(
                name: "evidence_items");

            migrationBuilder.DropTable(
                name: "evidence_notes");

            migrationBuilder.DropTable(
                name: "evidence_reviews");

            migrationBuilder.DropTable(
                name: "gnss_points");

            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_nodes");

            migrationBuilder.DropTable(
                name: "legal_hold_items");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "officers");

            migrationBuilder.DropTable(
                name: "recording_objects");

            migrationBuilder.DropTable(
                name: "recordings");

            migrationBuilder.DropTable(
                name: "unit_assignments");

            migrationBuilder.DropTable(
                name: "uploads");

            migrationBuilder.DropTable(
                name: "view_sessions");

            // The triggers and hand-written indexes went with their tables; the journal mode stays with the file.
            migrationBuilder.Sql("PRAGMA journal_mode=DELETE;", suppressTransaction: true);
        }
    }
}
