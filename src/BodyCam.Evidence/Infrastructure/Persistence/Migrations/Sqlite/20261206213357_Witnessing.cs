using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Witnessing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "witness_cosignatures",
                columns: table => new
                {
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    witness_key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    signature_line = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    cosigned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_witness_cosignatures", x => new { x.tree_size, x.witness_key });
                    table.ForeignKey(
                        name: "fk_witness_cosignatures_ledger_checkpoints_tree_size",
                        column: x => x.tree_size,
                        principalTable: "ledger_checkpoints",
                        principalColumn: "tree_size",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "witness_states",
                columns: table => new
                {
                    witness_key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    cosigned_size = table.Column<long>(type: "INTEGER", nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: false),
                    last_outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    last_attempt_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_witness_states", x => x.witness_key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "witness_cosignatures");

            migrationBuilder.DropTable(
                name: "witness_states");
        }
    }
}
