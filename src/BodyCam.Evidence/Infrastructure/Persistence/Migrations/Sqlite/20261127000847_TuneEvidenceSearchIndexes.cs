using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TuneEvidenceSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, as in AddEvidenceSearch: EF indexes no column of a complex property. With recorded_until
            // in the key, a time range is checked in the index instead of on every row of the officer's or camera's history.
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_officer_recorded_at_id;");
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_device_recorded_at_id;");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_officer_recorded_at_recorded_until ON evidence_items (recording_officer_id, recorded_at, recorded_until);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_device_recorded_at_recorded_until ON evidence_items (recording_device_serial, recorded_at, recorded_until);");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_id",
                table: "evidence_items");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_status_recorded_at_id",
                table: "evidence_items");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_recorded_until",
                table: "evidence_items",
                columns: new[] { "officer_unit", "recorded_at", "recorded_until" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_recorded_at_recorded_until",
                table: "evidence_items",
                columns: new[] { "status", "recorded_at", "recorded_until" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_officer_recorded_at_recorded_until;");
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_device_recorded_at_recorded_until;");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_officer_recorded_at_id ON evidence_items (recording_officer_id, recorded_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_evidence_items_device_recorded_at_id ON evidence_items (recording_device_serial, recorded_at, id);");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_recorded_until",
                table: "evidence_items");

            migrationBuilder.DropIndex(
                name: "ix_evidence_items_status_recorded_at_recorded_until",
                table: "evidence_items");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_officer_unit_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "officer_unit", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_status_recorded_at_id",
                table: "evidence_items",
                columns: new[] { "status", "recorded_at", "id" });
        }
    }
}
