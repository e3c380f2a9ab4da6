using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    blob_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    stream_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    stored_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    dock_id = table.Column<Guid>(type: "uuid", nullable: false),
                    upload_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    quarantine_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    probe_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    probe_failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    poster_blob_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    media_audio_codec = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    media_bit_rate = table.Column<long>(type: "bigint", nullable: true),
                    media_container = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    media_creation_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    media_duration_seconds = table.Column<double>(type: "double precision", nullable: true),
                    media_frame_rate = table.Column<double>(type: "double precision", nullable: true),
                    media_height = table.Column<int>(type: "integer", nullable: true),
                    media_video_codec = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    media_width = table.Column<int>(type: "integer", nullable: true),
                    recording_category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recording_content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recording_declared_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_device_serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_extra_metadata_json = table.Column<string>(type: "text", nullable: true),
                    recording_file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    recording_officer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_recorded_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recording_recorded_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "uploads",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    dock_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blob_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    metadata_header = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    length = table.Column<long>(type: "bigint", nullable: true),
                    offset = table.Column<long>(type: "bigint", nullable: false),
                    block_count = table.Column<int>(type: "integer", nullable: false),
                    hash_state = table.Column<byte[]>(type: "bytea", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recording_category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recording_content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recording_declared_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_device_serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_extra_metadata_json = table.Column<string>(type: "text", nullable: true),
                    recording_file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    recording_officer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recording_recorded_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recording_recorded_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_uploads", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_probe_status_verified_at",
                table: "evidence_items",
                columns: new[] { "probe_status", "verified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_received_at",
                table: "evidence_items",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_uploads_evidence_id",
                table: "uploads",
                column: "evidence_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_uploads_status_expires_at",
                table: "uploads",
                columns: new[] { "status", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_items");

            migrationBuilder.DropTable(
                name: "uploads");
        }
    }
}
