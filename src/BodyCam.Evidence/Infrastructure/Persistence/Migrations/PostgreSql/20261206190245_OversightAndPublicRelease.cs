using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OversightAndPublicRelease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "footage_request_items",
                columns: table => new
                {
                    footage_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attached_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    clip_request_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_footage_request_items", x => new { x.footage_request_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "footage_request_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    footage_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_footage_request_steps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "footage_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    complaint_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    officer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    radius_metres = table.Column<double>(type: "double precision", nullable: true),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    purpose = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_footage_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "release_case_items",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_case_items", x => new { x.case_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "release_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    rule_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    incident_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    complaint_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    clock_started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    original_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    latest_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    extension_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approval_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "release_clips",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clip_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_clips", x => new { x.case_id, x.clip_request_id });
                });

            migrationBuilder.CreateTable(
                name: "release_extensions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    previous_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    extended_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    extended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_extensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "release_files",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    blob_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_release_files", x => new { x.case_id, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "ix_custody_events_action_time",
                table: "custody_events",
                columns: new[] { "action", "time" });

            migrationBuilder.CreateIndex(
                name: "ix_footage_request_items_clip_request_id",
                table: "footage_request_items",
                column: "clip_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_footage_request_steps_footage_request_id_at",
                table: "footage_request_steps",
                columns: new[] { "footage_request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_footage_requests_received_at",
                table: "footage_requests",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_footage_requests_requested_by_received_at",
                table: "footage_requests",
                columns: new[] { "requested_by", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_footage_requests_status_due_at",
                table: "footage_requests",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_release_case_items_evidence_id",
                table: "release_case_items",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_release_cases_published_at",
                table: "release_cases",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_release_cases_status_due_on",
                table: "release_cases",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_release_clips_clip_request_id",
                table: "release_clips",
                column: "clip_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_release_extensions_case_id",
                table: "release_extensions",
                column: "case_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "footage_request_items");

            migrationBuilder.DropTable(
                name: "footage_request_steps");

            migrationBuilder.DropTable(
                name: "footage_requests");

            migrationBuilder.DropTable(
                name: "release_case_items");

            migrationBuilder.DropTable(
                name: "release_cases");

            migrationBuilder.DropTable(
                name: "release_clips");

            migrationBuilder.DropTable(
                name: "release_extensions");

            migrationBuilder.DropTable(
                name: "release_files");

            migrationBuilder.DropIndex(
                name: "ix_custody_events_action_time",
                table: "custody_events");
        }
    }
}
