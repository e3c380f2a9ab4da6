using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddFixity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_fixity_check_at",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_last_fixity_check_at",
                table: "evidence_items",
                columns: new[] { "status", "last_fixity_check_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_evidence_items_status_last_fixity_check_at",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "last_fixity_check_at",
                table: "evidence_items");
        }
    }
}
