using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopeAxisRegistryToDocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "dock_id",
                table: "officers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "dock_id",
                table: "cameras",
                type: "TEXT",
                nullable: true);

            // What was registered before registries were scoped belongs to the dock the custody log names as its first registrant.
            // SQLite keeps GUIDs as upper-case text; a bare column beside min() is read from the row holding the minimum.
            migrationBuilder.Sql("""
                UPDATE officers SET dock_id = registered.dock_id
                FROM (
                    SELECT upper(substr(reason, -36)) AS axis_user_id, upper(actor_id) AS dock_id, min(time)
                    FROM custody_events
                    WHERE action = 'OfficerRecorded' AND actor_kind = 'Dock' AND reason LIKE '% as Axis user ____________________________________'
                    GROUP BY axis_user_id
                ) AS registered
                WHERE officers.axis_user_id = registered.axis_user_id;

                UPDATE cameras SET dock_id = registered.dock_id
                FROM (
                    SELECT substr(reason, 8, instr(substr(reason, 8), ' (') - 1) AS serial, upper(actor_id) AS dock_id, min(time)
                    FROM custody_events
                    WHERE action = 'CameraRecorded' AND actor_kind = 'Dock'
                    GROUP BY serial
                ) AS registered
                WHERE cameras.serial = registered.serial;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "dock_id",
                table: "officers");

            migrationBuilder.DropColumn(
                name: "dock_id",
                table: "cameras");
        }
    }
}
