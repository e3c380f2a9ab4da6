using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "blob_legal_hold",
                table: "evidence_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "disposition",
                table: "evidence_items",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "Retained");

            migrationBuilder.AddColumn<Guid>(
                name: "disposition_certificate_id",
                table: "evidence_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "immutable_until",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "purge_after",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "purged_at",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retain_until",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "retained_by_default",
                table: "evidence_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "soft_deleted_at",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disposition_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    items = table.Column<int>(type: "integer", nullable: false),
                    signed_note = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disposition_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disposition_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdraw_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disposition_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_hold_items",
                columns: table => new
                {
                    hold_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_hold_items", x => new { x.hold_id, x.evidence_id });
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    matter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    officer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    placed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    release_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_holds", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_disposition_retain_until",
                table: "evidence_items",
                columns: new[] { "disposition", "retain_until" });

            migrationBuilder.CreateIndex(
                name: "ix_disposition_requests_evidence_id_status",
                table: "disposition_requests",
                columns: new[] { "evidence_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_hold_items_evidence_id",
                table: "legal_hold_items",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_holds_released_at",
                table: "legal_holds",
                column: "released_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disposition_certificates");

            migrationBuilder.DropTable(
                name: "disposition_requests");

            migrationBuilder.DropTable(
                name: "legal_hold_items");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_disposition_retain_until",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "blob_legal_hold",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "disposition",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "disposition_certificate_id",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "immutable_until",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "purge_after",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "purged_at",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "retain_until",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "retained_by_default",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "soft_deleted_at",
                table: "evidence_items");
        }
    }
}
