using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnableWriteAheadLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Readers do not wait for the writer. The mode is kept in the database file, and cannot change inside a transaction.
            migrationBuilder.Sql("PRAGMA journal_mode=WAL;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("PRAGMA journal_mode=DELETE;", suppressTransaction: true);
        }
    }
}
