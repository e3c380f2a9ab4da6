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
            migrationBuilder.CreateTable(
                name: "custody_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
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
                name: "ix_docks_key_sha256",
                table: "docks",
                column: "key_sha256",
                unique: true);

            // The custody log is append-only whatever the application does: no row may change or disappear.
            migrationBuilder.Sql("""
                CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: UPDATE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: DELETE refused'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custody_events");

            migrationBuilder.DropTable(
                name: "docks");
        }
    }
}
