using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    tree_size = table.Column<long>(type: "bigint", nullable: false),
                    root_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    signed_note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.tree_size);
                });

            migrationBuilder.CreateTable(
                name: "ledger_nodes",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_nodes", x => x.position);
                });

            // Tree nodes and issued checkpoints are as append-only as the events they commit to.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_nodes
                    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER ledger_nodes_never_truncated BEFORE TRUNCATE ON ledger_nodes
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
                    FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
                CREATE TRIGGER ledger_checkpoints_never_truncated BEFORE TRUNCATE ON ledger_checkpoints
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_nodes");

            migrationBuilder.Sql("DROP FUNCTION refuse_ledger_change();");
        }
    }
}
