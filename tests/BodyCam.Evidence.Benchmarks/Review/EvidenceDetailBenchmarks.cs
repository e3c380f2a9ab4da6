using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Benchmarks.Ledger;
using BodyCam.Evidence.Benchmarks.Search;
using BodyCam.Evidence.Features.Evidence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Benchmarks.Review;

/// <summary>
/// The evidence detail (the query behind GET /api/evidence/{id}) at 1M items. The agency is bulk-loaded once in SQL and
/// kept: every item carries a category; every 10th a case, a note, a reviewer's bookmark and a review; every 100th is a
/// clip of a recording with two camera bookmarks and a 60-point GNSS track. Items are read at random. Run:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*EvidenceDetail*'
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class EvidenceDetailBenchmarks
{
    private const long Items = 1_000_000;

    private ServiceProvider _services = null!;
    private GetEvidenceItemHandler _handler = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _services = await SeededAsync();
        _handler = new GetEvidenceItemHandler(_services.OpenDb());
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    [Benchmark]
    public async Task<EvidenceItemDetails> Detail() =>
        await _handler.Handle(new GetEvidenceItem(ItemId(Random.Shared.NextInt64(Items))), CancellationToken.None);

    /// <summary>A clip of a recording: the widest answer.</summary>
    [Benchmark]
    public async Task<EvidenceItemDetails> DetailOfAClip() =>
        await _handler.Handle(new GetEvidenceItem(ItemId(Random.Shared.NextInt64(Items / 100) * 100)), CancellationToken.None);

    /// <summary>The loader names items md5(number)::uuid.</summary>
    private static Guid ItemId(long item) =>
        new(MD5.HashData(Encoding.ASCII.GetBytes(item.ToString(CultureInfo.InvariantCulture))), bigEndian: true);

    private static async Task<ServiceProvider> SeededAsync()
    {
        const string name = "bodycam_bench_detail_v1";
        await using (var server = new NpgsqlConnection(BenchmarkLedgers.Connection("postgres")))
        {
            await server.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", server);
            if ((long)(await exists.ExecuteScalarAsync())! == 1)
            {
                return BenchmarkLedgers.Services(name);
            }
        }
        Console.WriteLine($"Seeding {name}: {Items} evidence items with their review; this takes a while once.");
        var services = await BenchmarkLedgers.EmptyAsync(name + "_loading");
        await BenchmarkLedgers.ExecuteAsync(BenchmarkLedgers.Connection(name + "_loading"),
            $"""
            INSERT INTO evidence_items (id, status, blob_name, bytes, stream_sha256, dock_id, upload_id, received_at, probe_status,
                recording_content_type, recording_file_name, recording_officer_id, recording_recorded_start, recording_recorded_end,
                officer_unit, recording_id, media_duration_seconds)
            SELECT md5(i::text)::uuid, 'Verified', 'evidence/' || i, 1000, repeat('0', 64), '00000000-0000-0000-0000-000000000001',
                lpad(i::text, 32, '0'), now() - i * interval '1 minute', 'Probed', 'video/mp4', 'clip.mp4', 'officer-' || (i % 500),
                now() - i * interval '1 minute' - interval '10 minutes', now() - i * interval '1 minute' - interval '5 minutes',
                'Unit-' || (i % 20), CASE WHEN i % 100 = 0 THEN md5('recording' || i)::uuid END, 300
            FROM generate_series(0, {Items - 1}) i
            """,
            "INSERT INTO categories (id, name, retention_days, active, updated_at) SELECT 'category-' || c, 'Category ' || c, 365, true, now() FROM generate_series(0, 9) c",
            $"""
            INSERT INTO evidence_categories (evidence_id, category_id, assigned_at, assigned_by)
            SELECT md5(i::text)::uuid, 'category-' || (i % 10), now(), 'bench' FROM generate_series(0, {Items - 1}) i
            """,
            "INSERT INTO cases (case_number, title, status, opened_at, opened_by, updated_at) SELECT 'CASE-' || c, 'Case ' || c, 'Open', now(), 'bench', now() FROM generate_series(0, 9999) c",
            $"""
            INSERT INTO case_links (evidence_id, case_number, linked_at, linked_by)
            SELECT md5(i::text)::uuid, 'CASE-' || (i / 10 % 10000), now(), 'bench' FROM generate_series(0, {Items - 1}, 10) i
            """,
            $"""
            INSERT INTO evidence_notes (id, evidence_id, text, author, created_at)
            SELECT gen_random_uuid(), md5(i::text)::uuid, repeat('Observed at the scene. ', 10), 'bench', now() FROM generate_series(0, {Items - 1}, 10) i
            """,
            $"""
            INSERT INTO evidence_bookmarks (id, evidence_id, start_seconds, end_seconds, label, tags, author, created_at)
            SELECT gen_random_uuid(), md5(i::text)::uuid, 12.5, 20, 'Arrival', '["arrival","door"]', 'bench', now() FROM generate_series(0, {Items - 1}, 10) i
            """,
            $"""
            INSERT INTO evidence_reviews (id, evidence_id, outcome, comment, reviewer, reviewed_at)
            SELECT gen_random_uuid(), md5(i::text)::uuid, 'NoConcern', 'Fine.', 'bench', now() FROM generate_series(0, {Items - 1}, 10) i
            """,
            $"""
            INSERT INTO bookmarks (id, recording_id, object_name, text, category_id, category_name, tags, start_time, end_time)
            SELECT gen_random_uuid(), md5('recording' || i)::uuid, 'bookmark_' || i || '_' || b, 'Marked on the camera', 'category-' || b, 'Category ' || b,
                'TriggerOn:Button', now(), now()
            FROM generate_series(0, {Items - 1}, 100) i, generate_series(1, 2) b
            """,
            $"""
            INSERT INTO gnss_points (recording_id, index, longitude, latitude, seconds_from_start, timestamp)
            SELECT md5('recording' || i)::uuid, p, 13.2 + p * 0.0001, 55.7 + p * 0.0001, p, now()
            FROM generate_series(0, {Items - 1}, 100) i, generate_series(0, 59) p
            """,
            "VACUUM ANALYZE");
        await services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await BenchmarkLedgers.ExecuteAsync(BenchmarkLedgers.Connection("postgres"), $"ALTER DATABASE {name}_loading RENAME TO {name}");
        return BenchmarkLedgers.Services(name);
    }
}
