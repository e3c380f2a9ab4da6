using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SealCustodyEventsAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            // Unsequenced rows are committed by commands and sealed after the commit.
            migrationBuilder.Sql(CustodyLogSchemaSql.SqliteRebuild(sequenceNullable: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(CustodyLogSchemaSql.SqliteRebuild(sequenceNullable: false));
    }
}
