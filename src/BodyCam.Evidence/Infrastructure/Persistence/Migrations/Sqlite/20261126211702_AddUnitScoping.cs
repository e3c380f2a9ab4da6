using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddUnitScoping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "officer_unit",
                table: "evidence_items",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "unit_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_assignments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_unit_assignments_officer_id_from",
                table: "unit_assignments",
                columns: new[] { "officer_id", "from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_assignments");

            migrationBuilder.DropColumn(
                name: "officer_unit",
                table: "evidence_items");
        }
    }
}
