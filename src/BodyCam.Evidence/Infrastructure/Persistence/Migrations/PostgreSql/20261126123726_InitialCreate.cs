using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    client_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: true),
                    content_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entry = table.Column<byte[]>(type: "bytea", nullable: false),
                    leaf_hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custody_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "docks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    site = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    key_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
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
                CREATE FUNCTION refuse_custody_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'custody events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER custody_events_append_only BEFORE UPDATE OR DELETE ON custody_events
                    FOR EACH ROW EXECUTE FUNCTION refuse_custody_event_change();
                CREATE TRIGGER custody_events_never_truncated BEFORE TRUNCATE ON custody_events
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_custody_event_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custody_events");

            migrationBuilder.Sql("DROP FUNCTION refuse_custody_event_change();");

            migrationBuilder.DropTable(
                name: "docks");
        }
    }
}
