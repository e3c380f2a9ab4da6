using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TuneEvidenceSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, as in AddEvidenceSearch: what the model cannot say. With recorded_until in the key, a time
            // range is checked in the index instead of on every row of the officer's or camera's history. Category ids
            // are matched as words through the agency's list, not the million rows that carry them.
            migrationBuilder.Sql("""
                DROP INDEX ix_evidence_items_officer_recorded_at_id, ix_evidence_items_device_recorded_at_id, ix_evidence_categories_words,
                    ix_categories_words;
                CREATE INDEX ix_evidence_items_officer_recorded_at_recorded_until ON evidence_items (recording_officer_id, recorded_at, recorded_until);
                CREATE INDEX ix_evidence_items_device_recorded_at_recorded_until ON evidence_items (recording_device_serial, recorded_at, recorded_until);
                CREATE INDEX ix_categories_words ON categories
                    USING gin (to_tsvector('simple', regexp_replace(id || ' ' || name, '[^[:alnum:]]+', ' ', 'g')));
                """);

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
            migrationBuilder.Sql("""
                DROP INDEX ix_evidence_items_officer_recorded_at_recorded_until, ix_evidence_items_device_recorded_at_recorded_until,
                    ix_categories_words;
                CREATE INDEX ix_evidence_items_officer_recorded_at_id ON evidence_items (recording_officer_id, recorded_at, id);
                CREATE INDEX ix_evidence_items_device_recorded_at_id ON evidence_items (recording_device_serial, recorded_at, id);
                CREATE INDEX ix_evidence_categories_words ON evidence_categories
                    USING gin (to_tsvector('simple', regexp_replace(category_id, '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_categories_words ON categories
                    USING gin (to_tsvector('simple', regexp_replace(name, '[^[:alnum:]]+', ' ', 'g')));
                """);

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
