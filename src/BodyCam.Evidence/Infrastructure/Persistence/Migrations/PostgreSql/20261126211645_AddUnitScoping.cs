using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "unit_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    officer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
