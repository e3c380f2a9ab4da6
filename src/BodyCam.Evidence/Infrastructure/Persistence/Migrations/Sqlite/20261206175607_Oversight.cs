using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
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
                    footage_request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    attached_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    attached_at = table.Column<long>(type: "INTEGER", nullable: false),
                    clip_request_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_footage_request_items", x => new { x.footage_request_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "footage_request_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    footage_request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_footage_request_steps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "footage_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    case_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    complaint_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    from = table.Column<long>(type: "INTEGER", nullable: true),
                    to = table.Column<long>(type: "INTEGER", nullable: true),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    radius_metres = table.Column<double>(type: "REAL", nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true)
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
