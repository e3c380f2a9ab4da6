using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddViewSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "view_sessions");
        }
    }
}
