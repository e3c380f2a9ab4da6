using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "recording_id",
                table: "uploads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "recording_id",
                table: "evidence_items",
                type: "TEXT",
                nullable: true);

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
                name: "officers",
                columns: table => new
                {
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    axis_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
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
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recordings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_recording_id",
                table: "evidence_items",
                column: "recording_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_category_id",
                table: "bookmarks",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_recording_id",
                table: "bookmarks",
                column: "recording_id");

            migrationBuilder.CreateIndex(
                name: "ix_dock_tokens_expires_at",
                table: "dock_tokens",
                column: "expires_at");

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
                name: "categories");

            migrationBuilder.DropTable(
                name: "dock_tokens");

            migrationBuilder.DropTable(
                name: "gnss_points");

            migrationBuilder.DropTable(
                name: "officers");

            migrationBuilder.DropTable(
                name: "recording_objects");

            migrationBuilder.DropTable(
                name: "recordings");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_recording_id",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "recording_id",
                table: "uploads");

            migrationBuilder.DropColumn(
                name: "recording_id",
                table: "evidence_items");
        }
    }
}
