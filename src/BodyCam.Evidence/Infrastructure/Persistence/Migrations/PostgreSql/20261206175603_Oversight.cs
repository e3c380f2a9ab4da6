using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Oversight : Migration
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
        }
    }
}
