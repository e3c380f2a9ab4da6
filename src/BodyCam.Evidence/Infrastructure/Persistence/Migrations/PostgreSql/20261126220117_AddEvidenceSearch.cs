using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BodyCam.Evidence.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_north",
                table: "recordings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_south",
                table: "recordings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "track_west",
                table: "recordings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_until",
                table: "evidence_items",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Written by hand: what the model cannot say. The search's SQL (EvidenceSearchSources) repeats the
            // expressions of these indexes exactly; PostgreSQL uses an expression index only for the same expression.
            migrationBuilder.Sql("""
                UPDATE evidence_items SET
                    recorded_at = coalesce(recording_recorded_start, recording_recorded_end, received_at),
                    recorded_until = greatest(
                        coalesce(recording_recorded_end, recording_recorded_start, received_at),
                        coalesce(recording_recorded_start, recording_recorded_end, received_at));
                UPDATE recordings r SET track_west = t.west, track_south = t.south, track_east = t.east, track_north = t.north
                FROM (SELECT recording_id, min(longitude) AS west, min(latitude) AS south, max(longitude) AS east, max(latitude) AS north
                      FROM gnss_points GROUP BY recording_id) t
                WHERE t.recording_id = r.id;
                CREATE INDEX ix_evidence_items_officer_recorded_at_id ON evidence_items (recording_officer_id, recorded_at, id);
                CREATE INDEX ix_evidence_items_device_recorded_at_id ON evidence_items (recording_device_serial, recorded_at, id);
                CREATE INDEX ix_evidence_items_recorded_span ON evidence_items USING gist (tstzrange(recorded_at, recorded_until, '[]'));
                CREATE INDEX ix_recordings_track_box ON recordings USING gist (box(point(track_west, track_south), point(track_east, track_north)));
                CREATE INDEX ix_evidence_items_file_name_words ON evidence_items
                    USING gin (to_tsvector('simple', regexp_replace(recording_file_name, '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_evidence_notes_words ON evidence_notes
                    USING gin (to_tsvector('simple', regexp_replace("text", '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_evidence_bookmarks_words ON evidence_bookmarks
                    USING gin (to_tsvector('simple', regexp_replace(label || ' ' || coalesce(tags, ''), '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_bookmarks_words ON bookmarks
                    USING gin (to_tsvector('simple', regexp_replace("text" || ' ' || coalesce(tags, '') || ' ' || coalesce(category_id, '') || ' ' || coalesce(category_name, ''), '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_evidence_categories_words ON evidence_categories
                    USING gin (to_tsvector('simple', regexp_replace(category_id, '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_categories_words ON categories
                    USING gin (to_tsvector('simple', regexp_replace(name, '[^[:alnum:]]+', ' ', 'g')));
                CREATE INDEX ix_cases_words ON cases
                    USING gin (to_tsvector('simple', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')));
                """);

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
            migrationBuilder.Sql("""
                DROP INDEX ix_evidence_items_officer_recorded_at_id, ix_evidence_items_device_recorded_at_id, ix_evidence_items_recorded_span,
                    ix_recordings_track_box, ix_evidence_items_file_name_words, ix_evidence_notes_words, ix_evidence_bookmarks_words,
                    ix_bookmarks_words, ix_evidence_categories_words, ix_categories_words, ix_cases_words;
                """);

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
