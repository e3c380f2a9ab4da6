using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class IndexUploadDelays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, as in TuneEvidenceSearchIndexes: the recorded end is a column of the complex Recording, which
            // the model cannot index. The upload-delay view reads one period of recorded ends, a supervisor's within their unit.
            migrationBuilder.Sql("""
                CREATE INDEX ix_evidence_items_recorded_end ON evidence_items (recording_recorded_end);
                CREATE INDEX ix_evidence_items_officer_unit_recorded_end ON evidence_items (officer_unit, recording_recorded_end);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_evidence_items_recorded_end, ix_evidence_items_officer_unit_recorded_end;");
        }
    }
}
