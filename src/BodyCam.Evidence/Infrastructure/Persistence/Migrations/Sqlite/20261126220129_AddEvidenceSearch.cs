using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEvidenceSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "track_east",
                table: "recordings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_north",
                table: "recordings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_south",
                table: "recordings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_west",
                table: "recordings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "recorded_at",
                table: "evidence_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "recorded_until",
                table: "evidence_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Written by hand: what the model cannot say (EF indexes no column of a complex property), and the values
            // of items and recordings stored before these columns were.
            migrationBuilder.Sql("""
                UPDATE evidence_items SET
                    recorded_at = coalesce(recording_recorded_start, recording_recorded_end, received_at),
                    recorded_until = max(
                        coalesce(recording_recorded_end, recording_recorded_start, received_at),
                        coalesce(recording_recorded_start, recording_recorded_end, received_at));
                """);
            migrationBuilder.Sql("""
                UPDATE recordings SET
                    track_west = (SELECT min(longitude) FROM gnss_points p WHERE p.recording_id = recordings.id),
                    track_south = (SELECT min(latitude) FROM gnss_points p WHERE p.recording_id = recordings.id),
                    track_east = (SELECT max(longitude) FROM gnss_points p WHERE p.recording_id = recordings.id),
                    track_north = (SELECT max(latitude) FROM gnss_points p WHERE p.recording_id = recordings.id);
                """);
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_officer_recorded_at_id ON evidence_items (recording_officer_id, recorded_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_device_recorded_at_id ON evidence_items (recording_device_serial, recorded_at, id);");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "officer_unit", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "status", "recorded_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_officer_recorded_at_id;");
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_device_recorded_at_id;");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_id",
                table: "evidence_items");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_recorded_at_id",
                table: "evidence_items");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_status_recorded_at_id",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "track_east",
                table: "recordings");

            migrationBuilder.DropColumn(
                name: "track_north",
                table: "recordings");

            migrationBuilder.DropColumn(
                name: "track_south",
                table: "recordings");

            migrationBuilder.DropColumn(
                name: "track_west",
                table: "recordings");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "recorded_until",
                table: "evidence_items");
        }
    }
}
