using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClipRequestsWeighedAtReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "after_seconds",
                table: "clip_requests",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "before_seconds",
                table: "clip_requests",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "after_seconds",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "before_seconds",
                table: "clip_requests");
        }
    }
}
