using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "dock_id",
                table: "cameras",
                type: "uuid",
                nullable: true);

            // What was registered before registries were scoped belongs to the dock the custody log names as its first registrant.
            migrationBuilder.Sql("""
                UPDATE officers SET dock_id = registered.dock_id
                FROM (
                    SELECT DISTINCT ON (axis_user_id) axis_user_id, dock_id
                    FROM (
                        SELECT right(reason, 36)::uuid AS axis_user_id, actor_id::uuid AS dock_id, time, id
                        FROM custody_events
                        WHERE action = 'OfficerRecorded' AND actor_kind = 'Dock' AND reason ~ ' as Axis user [0-9a-f-]{36}$'
                    ) AS events
                    ORDER BY axis_user_id, time, id
                ) AS registered
                WHERE officers.axis_user_id = registered.axis_user_id;

                UPDATE cameras SET dock_id = registered.dock_id
                FROM (
                    SELECT DISTINCT ON (serial) serial, dock_id
                    FROM (
                        SELECT substring(reason FROM '^camera (\S+) \(') AS serial, actor_id::uuid AS dock_id, time, id
                        FROM custody_events
                        WHERE action = 'CameraRecorded' AND actor_kind = 'Dock'
                    ) AS events
                    ORDER BY serial, time, id
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
