using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClipBookmarksApprovalsAndReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "bookmark_id",
                table: "clip_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_approval_reason",
                table: "clip_requests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_approved_at",
                table: "clip_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_approved_by",
                table: "clip_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "job_id",
                table: "clip_requests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "processing_started_at",
                table: "clip_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "watermark",
                table: "clip_requests",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_clip_requests_status_processing_started_at",
                table: "clip_requests",
                columns: new[] { "status", "processing_started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clip_requests_status_processing_started_at",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "bookmark_id",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "first_approval_reason",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "first_approved_at",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "first_approved_by",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "processing_started_at",
                table: "clip_requests");

            migrationBuilder.DropColumn(
                name: "watermark",
                table: "clip_requests");
        }
    }
}
