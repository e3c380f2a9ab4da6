using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SealCustodyEventsAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "sequence",
                table: "custody_events",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            // Unsequenced rows are committed by commands and sealed after the commit.
            migrationBuilder.Sql(CustodyLogSchemaSql.PostgreSqlAllowOnlyIntegration);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CustodyLogSchemaSql.PostgreSqlRefuseEveryChange);

            migrationBuilder.AlterColumn<long>(
                name: "sequence",
                table: "custody_events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
