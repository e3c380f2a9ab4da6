using System.Diagnostics;
using System.Globalization;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Benchmarks.Ledger;

/// <summary>
/// PostgreSQL databases for the ledger benchmarks, on the server <c>deploy/local/start.sh</c> starts
/// (BODYCAM_TEST_POSTGRES). A seeded log is bulk-loaded once in SQL, not through the API, and kept for
/// later runs: n custody events spread over n/10 evidence items, their leaves and every tree node.
/// </summary>
internal static class BenchmarkLedgers
{
    private const long IndexMask = (1L << 56) - 1;

    private static string Server =>
        Environment.GetEnvironmentVariable("BODYCAM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Set BODYCAM_TEST_POSTGRES: eval \"$(deploy/local/start.sh | grep ^export)\"");

    /// <summary>1M and 10M entries, unless BODYCAM_BENCH_LEDGER_SIZE names one, to keep a run short.</summary>
    public static IEnumerable<long> Sizes =>
        long.TryParse(Environment.GetEnvironmentVariable("BODYCAM_BENCH_LEDGER_SIZE"), out var only) ? [only] : [1_000_000, 10_000_000];

    /// <summary>
    /// The whole tree in memory (the default) and from level 8 up (0.25 bytes per entry), unless
    /// BODYCAM_BENCH_TREE_LEVEL names one, to keep a run short.
    /// </summary>
    public static IEnumerable<int> TreeLevels =>
        int.TryParse(Environment.GetEnvironmentVariable("BODYCAM_BENCH_TREE_LEVEL"), out var only) ? [only] : [LedgerNodeCache.WholeTree, 8];

    public static async Task<ServiceProvider> EmptyAsync(string name)
    {
        await ExecuteAsync(Connection("postgres"), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}");
        // A run in process keeps the pooled connections of the dropped database, which the server has closed.
        NpgsqlConnection.ClearAllPools();
        return await MigratedAsync(name);
    }

    /// <summary>
    /// The seeded log, its tables in memory and its tree in memory from <paramref name="treeLevel"/> up, loaded as a
    /// server loads it at start.
    /// </summary>
    public static async Task<ServiceProvider> SeededAsync(long events, int treeLevel)
    {
        var name = $"bodycam_bench_ledger_v2_{events}";
        await using (var server = new NpgsqlConnection(Connection("postgres")))
        {
            await server.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", server);
            if ((long)(await exists.ExecuteScalarAsync())! == 1 && await CountEventsAsync(name) == events)
            {
                await LoadIntoMemoryAsync(name);
                return await ServicesWithTreeInMemoryAsync(name, treeLevel);
            }
        }
        Console.WriteLine($"Seeding {name}: {events} custody events; this takes a while once.");
        var services = await EmptyAsync(name);
        var items = Math.Max(1, events / 10);
        await ExecuteAsync(Connection(name),
            $"""
            INSERT INTO evidence_items (id, status, blob_name, bytes, stream_sha256, dock_id, upload_id, received_at, probe_status,
                recording_content_type, recording_file_name)
            SELECT md5(i::text)::uuid, 'Verified', 'evidence/' || i, 1000, repeat('0', 64), '00000000-0000-0000-0000-000000000001',
                lpad(i::text, 32, '0'), now(), 'Probed', 'video/mp4', 'clip.mp4'
            FROM generate_series(0, {items - 1}) i
            """,
            $$"""
            INSERT INTO custody_events (id, sequence, time, actor_id, actor_kind, actor_role, client_ip, action, evidence_id, reason, outcome, entry, leaf_hash)
            SELECT gen_random_uuid(), s, now(), 'bench', 'User', 'Custodian', '127.0.0.1', 'MediaProbed', md5((s % {{items}})::text)::uuid,
                'bulk-loaded', 'Succeeded', e, sha256('\x00'::bytea || e)
            FROM generate_series(0, {{events - 1}}) s, LATERAL (SELECT convert_to('{"sequence":' || s || '}', 'UTF8') AS e) entry
            """,
            "INSERT INTO ledger_nodes (position, hash) SELECT sequence, leaf_hash FROM custody_events");
        for (var level = 1; 1L << level <= events; level++)
        {
            await ExecuteAsync(Connection(name),
                $"""
                INSERT INTO ledger_nodes (position, hash)
                SELECT ({level}::bigint << 56) | ((l.position & {IndexMask}) / 2), sha256('\x01'::bytea || l.hash || r.hash)
                FROM ledger_nodes l JOIN ledger_nodes r ON r.position = l.position + 1
                WHERE l.position >= ({level - 1}::bigint << 56) AND l.position < ({level}::bigint << 56) AND l.position % 2 = 0
                """);
        }
        await ExecuteAsync(Connection(name),
            $"INSERT INTO ledger_checkpoints (tree_size, root_hash, signed_note, signed_at) VALUES ({events}, sha256(''), 'benchmark', now())",
            "VACUUM ANALYZE");
        await services.DisposeAsync();
        await LoadIntoMemoryAsync(name);
        return await ServicesWithTreeInMemoryAsync(name, treeLevel);
    }

    private static async Task<ServiceProvider> ServicesWithTreeInMemoryAsync(string name, int treeLevel)
    {
        var services = Services(name, treeLevel);
        await using var db = services.OpenDb();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var loading = Stopwatch.StartNew();
        var loaded = await db.ExtendNodeCacheAsync(limit: null, CancellationToken.None);
        Console.WriteLine($"Tree in memory from level {treeLevel}: {loaded} nodes loaded in {loading.Elapsed.TotalSeconds:F1} s; "
            + $"the managed heap grew by {(GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1 << 20)} MiB.");
        return services;
    }

    /// <summary>
    /// The tables and indexes into the OS cache and then PostgreSQL's buffers, as on a server that has been answering
    /// for a while: otherwise every run measures whichever pages the last one left behind. Relations whose name
    /// contains <paramref name="except"/> stay out, where loading them would push out what is measured.
    /// </summary>
    internal static Task LoadIntoMemoryAsync(string name, string? except = null) => ExecuteAsync(Connection(name),
        "CREATE EXTENSION IF NOT EXISTS pg_prewarm",
        $"""
        SELECT pg_prewarm(c.oid, mode) FROM pg_class c, unnest(ARRAY['read', 'buffer']) mode
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')
            AND ({(except is null ? "true" : $"c.relname NOT LIKE '%{except}%'")})
        """);

    public static EvidenceDb OpenDb(this ServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    internal static async Task<ServiceProvider> MigratedAsync(string name)
    {
        var services = Services(name);
        await services.OpenDb().Database.MigrateAsync();
        return services;
    }

    internal static ServiceProvider Services(string name, int treeLevel = LedgerNodeCache.WholeTree) =>
        new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddEvidenceDatabase(EvidenceSettings.From(new ConfigurationBuilder()
                .AddInMemoryCollection([
                    new("Database:Provider", "PostgreSql"),
                    new("ConnectionStrings:Evidence", Connection(name)),
                    new("Ledger:TreeInMemoryFromLevel", treeLevel.ToString(CultureInfo.InvariantCulture)),
                ])
                .Build()))
            .BuildServiceProvider();

    private static async Task<long> CountEventsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Connection(name));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM custody_events", connection);
        try
        {
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (PostgresException)
        {
            return -1;
        }
    }

    internal static string Connection(string database) => $"{Server};Database={database};Command Timeout=0";

    internal static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var database = new NpgsqlConnection(connection);
        await database.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, database);
            await command.ExecuteNonQueryAsync();
        }
    }
}
