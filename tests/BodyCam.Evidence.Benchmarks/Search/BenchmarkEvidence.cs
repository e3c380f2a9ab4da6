using System.Diagnostics;
using static System.FormattableString;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Benchmarks.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// A PostgreSQL database of n evidence items, bulk-loaded once in SQL through the real migrations' schema (and so
/// their indexes) and kept for later runs. Over three years, 2,000 officers in 40 units each record with their own
/// camera; 97% of items are Verified, 2% Received, 1% Quarantined. Every item carries one of 12 categories (skewed:
/// the commonest on about 29% of items, the rarest on 1.5%), a tenth a second one; 30% come from an Axis recording
/// with a 20-point GNSS track somewhere in a 55 × 45 km city (a tenth of those with a camera bookmark); 20% have a
/// note naming a person and a street, 10% a reviewer's bookmark, 5% a link to one of 20,000 cases; and each item
/// has ten custody events. People's names are drawn from 20,000 made-up words and streets from 2,000.
/// </summary>
internal static class BenchmarkEvidence
{
    public const double West = 13.0;
    public const double South = 52.3;
    public const double Width = 0.8;
    public const double Height = 0.4;
    public const int Officers = 2000;
    public const int Surnames = 20000;
    public const int Streets = 2000;
    public const int CategoryCount = 12;
    public static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The seeded database, its tables and indexes (but for custody's) read into PostgreSQL's shared buffers (2 GB on
    /// the test server, deploy/local/postgres.sh) and what does not fit into the operating system's cache, as a
    /// database that serves searches all day has them: otherwise a benchmark measures the first read of each page from disk.
    /// </summary>
    public static async Task<ServiceProvider> SeededAsync(long items)
    {
        var name = DatabaseName(items);
        var connection = BenchmarkLedgers.Connection(name);
        ServiceProvider services;
        if (await CountItemsAsync(connection) == items)
        {
            services = await BenchmarkLedgers.MigratedAsync(name);
        }
        else
        {
            Console.WriteLine($"Seeding {name}: {items} evidence items and {items * 10} custody events; this takes a few minutes once.");
            var clock = Stopwatch.StartNew();
            services = await BenchmarkLedgers.EmptyAsync(name);
            await BenchmarkLedgers.ExecuteAsync(connection, [.. Seed(items)]);
            Console.WriteLine($"Seeded {name} in {clock.Elapsed.TotalSeconds:F0} s.");
        }
        await BenchmarkLedgers.LoadIntoMemoryAsync(name, except: "custody_events");
        return services;
    }

    public static string DatabaseName(long items) => $"bodycam_bench_search_v4_{items}";

    public static Guid ItemId(long item) => Md5Guid("e" + item);

    /// <summary>A made-up word of 8 letters a–p, the same the loader's SQL makes from the same seed.</summary>
    public static string Word(string seed) =>
        new([.. Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(seed)))[..8].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c)]);

    public static string Surname(int k) => Word("surname" + k);

    public static string Street(int k) => Word("street" + k);

    private static Guid Md5Guid(string seed) => new(MD5.HashData(Encoding.UTF8.GetBytes(seed)), bigEndian: true);

    private static async Task<long> CountItemsAsync(string connection)
    {
        try
        {
            await using var database = new NpgsqlConnection(connection);
            await database.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM evidence_items", database);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (PostgresException)
        {
            return -1;
        }
    }

    private static IEnumerable<string> Seed(long n)
    {
        yield return """
            CREATE FUNCTION pg_temp.word(seed text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT translate(substr(md5(seed), 1, 8), '0123456789', 'ghijklmnop') $$
            """;
        yield return """
            INSERT INTO categories (id, name, retention_days, active, updated_at)
            SELECT 'cat-' || k, (ARRAY['Traffic stop', 'Use of force', 'Arrest', 'Domestic incident', 'Pursuit', 'Interview', 'Search warrant',
                'Crowd control', 'Medical assist', 'Property damage', 'Patrol', 'Training'])[k + 1], 365 * (k % 5 + 1), true, now()
            FROM generate_series(0, 11) k
            """;
        yield return Invariant($"""
            CREATE UNLOGGED TABLE seed_items AS
            SELECT i, md5('e' || i)::uuid AS id, h, h2, h % {Officers} AS officer,
                timestamptz '{Start:O}' + i * (interval '3 years' / {n}) + (h2 % 60) * interval '1 second' AS started,
                60 + h2 % 1740 AS seconds,
                CASE WHEN i % 10 < 3 THEN md5('r' || i)::uuid END AS recording_id
            FROM generate_series(0, {n - 1}) i, LATERAL (SELECT abs(hashint4(i)::bigint) AS h, abs(hashint4(i # 1234567)::bigint) AS h2) hashes
            """);
        yield return """
            INSERT INTO evidence_items (id, status, blob_name, bytes, stream_sha256, stored_sha256, dock_id, upload_id, received_at, verified_at,
                probe_status, media_duration_seconds, recording_content_type, recording_file_name, recording_device_serial, recording_officer_id,
                recording_recorded_start, recording_recorded_end, recording_id, officer_unit, recorded_at, recorded_until,
                disposition, retained_by_default, blob_legal_hold)
            SELECT id, CASE WHEN h % 100 < 97 THEN 'Verified' WHEN h % 100 < 99 THEN 'Received' ELSE 'Quarantined' END,
                'evidence/' || i, 50000000 + h % 500000000, md5(id::text) || md5(i::text), md5(id::text) || md5(i::text),
                '00000000-0000-0000-0000-000000000001', lpad(i::text, 32, '0'), ended + interval '3 hours', ended + interval '3 hours 5 minutes',
                'Probed', seconds, 'video/mp4', to_char(started, 'YYYYMMDD_HH24MISS') || '_X60-' || lpad(officer::text, 4, '0') || '.mp4',
                'X60-' || lpad(officer::text, 4, '0'), 'officer-' || lpad(officer::text, 4, '0'),
                started, CASE WHEN h2 % 100 <> 0 THEN ended END, recording_id, 'unit-' || lpad((officer % 40)::text, 2, '0'), started,
                CASE WHEN h2 % 100 <> 0 THEN ended ELSE started END,
                'Retained', false, false
            FROM seed_items, LATERAL (SELECT started + seconds * interval '1 second' AS ended) e
            """;
        yield return Invariant($"""
            INSERT INTO recordings (id, dock_id, container_name, officer_id, device_serial, trigger_on_time, status, rejected, metadata_json, opened_at,
                track_west, track_south, track_east, track_north)
            SELECT recording_id, '00000000-0000-0000-0000-000000000001', 'container-' || i, 'officer-' || lpad(officer::text, 4, '0'),
                'X60-' || lpad(officer::text, 4, '0'), started, 'Complete', false, '{"{}"}', started,
                least(lon, lon + 19 * dlon), least(lat, lat + 19 * dlat), greatest(lon, lon + 19 * dlon), greatest(lat, lat + 19 * dlat)
            FROM seed_items, LATERAL (SELECT {West} + (h % 80000) / 100000.0 AS lon, {South} + (h2 % 40000) / 100000.0 AS lat,
                ((h / 7) % 1000 - 500) / 1000000.0 AS dlon, ((h2 / 7) % 1000 - 500) / 1000000.0 AS dlat) track
            WHERE recording_id IS NOT NULL
            """);
        yield return Invariant($"""
            INSERT INTO gnss_points (recording_id, index, longitude, latitude, seconds_from_start, timestamp)
            SELECT recording_id, j, {West} + (h % 80000) / 100000.0 + j * ((h / 7) % 1000 - 500) / 1000000.0,
                {South} + (h2 % 40000) / 100000.0 + j * ((h2 / 7) % 1000 - 500) / 1000000.0, j * seconds / 20.0,
                started + j * seconds / 20.0 * interval '1 second'
            FROM seed_items, generate_series(0, 19) j
            WHERE recording_id IS NOT NULL
            """);
        yield return Invariant($"""
            INSERT INTO bookmarks (id, recording_id, object_name, text, category_id, category_name, tags, start_time)
            SELECT md5('b' || i)::uuid, recording_id, 'bookmark_' || i, 'Marked near ' || pg_temp.word('street' || (h2 / 11) % {Streets}) || ' by the camera',
                'cat-4', 'Pursuit', 'TriggerOn:Button', started
            FROM seed_items WHERE recording_id IS NOT NULL AND h % 10 = 2
            """);
        yield return """
            INSERT INTO evidence_categories (evidence_id, category_id, assigned_at, assigned_by)
            SELECT id, 'cat-' || floor(12 * power((h % 10007) / 10007.0, 2))::int, started, 'bench' FROM seed_items
            UNION ALL
            SELECT id, 'cat-' || ((floor(12 * power((h % 10007) / 10007.0, 2))::int + 5) % 12), started, 'bench' FROM seed_items WHERE h2 % 10 = 0
            """;
        yield return Invariant($"""
            INSERT INTO evidence_notes (id, evidence_id, text, author, created_at)
            SELECT md5('n' || i)::uuid, id, 'Spoke with ' || pg_temp.word('surname' || (h2 / 3) % {Surnames}) || ' near '
                || pg_temp.word('street' || (h / 3) % {Streets}) || ' street. Subject calm, no injuries reported; statement taken on scene.',
                'supervisor-' || officer % 40, started + interval '1 day'
            FROM seed_items WHERE h % 5 = 0
            """);
        yield return Invariant($"""
            INSERT INTO evidence_bookmarks (id, evidence_id, start_seconds, label, tags, author, created_at)
            SELECT md5('eb' || i)::uuid, id, h % seconds, 'Subject ' || pg_temp.word('surname' || (h2 / 5) % {Surnames}) || ' arrives',
                '["arrival","' || pg_temp.word('street' || (h2 / 13) % {Streets}) || '"]', 'supervisor-' || officer % 40, started + interval '2 days'
            FROM seed_items WHERE h % 10 = 1
            """);
        yield return Invariant($"""
            INSERT INTO cases (case_number, title, status, opened_at, opened_by, updated_at)
            SELECT 'C-' || lpad(k::text, 6, '0'), 'Incident at ' || pg_temp.word('street' || k % {Streets}) || ' involving ' || pg_temp.word('surname' || k),
                'Open', now(), 'bench', now()
            FROM generate_series(0, {Surnames - 1}) k
            """);
        yield return Invariant($"""
            INSERT INTO case_links (evidence_id, case_number, linked_at, linked_by)
            SELECT id, 'C-' || lpad((h % {Surnames})::text, 6, '0'), started + interval '3 days', 'bench' FROM seed_items WHERE h2 % 20 = 7
            """);
        // Custody is not read by search or the item's detail; it is here so that tables and caches are the size they would be.
        // Rows go in in the order of every index (sequence, id, evidence), which keeps the load to minutes.
        yield return """
            INSERT INTO custody_events (id, sequence, time, actor_id, actor_kind, actor_role, client_ip, action, evidence_id, reason, outcome, entry, leaf_hash)
            SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, s, started + k * interval '1 hour', 'bench', 'User', 'Custodian',
                '127.0.0.1', 'MediaProbed', id, 'bulk-loaded', 'Succeeded', '\x00'::bytea, '\x00'::bytea
            FROM (SELECT id, started, row_number() OVER (ORDER BY id) - 1 AS r FROM seed_items) items, generate_series(0, 9) k,
                LATERAL (SELECT r * 10 + k AS s) sequence
            ORDER BY s
            """;
        yield return "DROP TABLE seed_items";
        yield return "VACUUM ANALYZE";
    }
}
