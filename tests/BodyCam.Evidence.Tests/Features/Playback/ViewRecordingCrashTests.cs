using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Cli;
using BodyCam.Evidence.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>
/// The server process dies with SIGKILL while range requests wait for their views to commit: the test holds the
/// database so that the commit cannot complete. Nothing of those ranges may have been sent, nor be in custody; what
/// was sent before the kill (and after the restart) must be, exactly, in the session's one <c>ContentViewed</c> event.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ViewRecordingCrashTests(ApiProfile profile)
{
    private const string Reason = "Pursuit review 26-0093";

    private ApiProcess _api = null!;

    [SetUp]
    public async Task StartApi()
    {
        _api = await ApiProcess.CreateAsync(
            profile,
            ("Ledger__CheckpointEverySeconds", "1"),
            // What shows, in the log, that the held requests reached the server and that a view commit is waiting.
            ("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information"),
            ("Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction", "Debug"));
        await _api.StartAsync();
    }

    [TearDown]
    public async Task StopApi()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            await TestContext.Out.WriteLineAsync(_api.ReadLog());
        }
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Ranges_waiting_for_their_commit_when_the_server_is_killed_are_neither_sent_nor_in_custody()
    {
        var tokens = await Task.WhenAll(
            _api.IssueTokenAsync(Roles.Admin, "ada"), _api.IssueTokenAsync(Roles.Custodian, "carol"), _api.IssueTokenAsync(Roles.Auditor, "ann"));
        var (adminToken, viewerToken, auditorToken) = (tokens[0], tokens[1], tokens[2]);
        var video = new byte[64 * 1024];
        Random.Shared.NextBytes(video);
        Guid item;
        using (var dock = Client())
        {
            dock.DefaultRequestHeaders.Add("X-Dock-Key", await _api.RegisterDockAsync(adminToken));
            item = await dock.UploadVerifiedRecordingAsync("officer-crash", bytes: video);
        }

        ByteRange[] sentBefore = [new(0, 99), new(10_000, 10_499), new(30_000, 30_999)];
        foreach (var range in sentBefore)
        {
            await AssertPlayedAsync(viewerToken, item, range, video);
        }

        ByteRange[] held = [new(2_000, 2_099), new(20_000, 20_099), new(40_000, 40_099), new(50_000, 50_099)];
        var clients = held.Select(_ => Client(viewerToken)).ToList();
        Task<HttpResponseMessage>[] waiting;
        await using (var hold = await ViewCommitHold.TakeAsync(profile.Database, _api.DatabaseConnection))
        {
            var logBefore = _api.ReadLog().Length;
            waiting = [.. held.Select((range, i) => clients[i].SendAsync(PlayRequest(item, range), HttpCompletionOption.ResponseHeadersRead))];
            await WaitUntilAsync(async () => Arrived(logBefore, item) == held.Length && await hold.ServerWaitsAsync(_api.ReadLog()[logBefore..]),
                "the held requests reached the server and a view commit waits for the database");

            Assert.That(held.Where((_, i) => waiting[i].IsCompleted), Is.Empty, "ranges whose response began before their view could be committed");
            await _api.KillAsync();
        }
        foreach (var response in waiting)
        {
            Assert.CatchAsync<HttpRequestException>(async () => await response, "no header, let alone a byte, of a held range arrived");
        }
        clients.ForEach(client => client.Dispose());

        await _api.StartAsync();
        var sentAfter = new ByteRange(60_000, 60_099);
        await AssertPlayedAsync(viewerToken, item, sentAfter, video);
        await CloseIdleSessionsAsync();

        var views = await _api.QueryDbAsync(db => db.ContentViewsAsync(item, Reason));
        Assert.That(views.Select(Viewing.ServedRanges), Is.EqualTo(new[] { ByteRange.Format([.. sentBefore, sentAfter]) }), "exactly the ranges sent");
        Assert.That(views[0].Reason, Does.Contain(" in 4 requests, "));
        Assert.That(await _api.QueryDbAsync(db => db.ViewSessions.CountAsync(s => s.ClosedAt == null)), Is.Zero);

        using var server = Client();
        await server.WaitForCheckpointAsync(await _api.QueryDbAsync(db => db.CustodyEvents.LongCountAsync()));
        var key = (await server.GetStringAsync("/api/ledger/key")).Trim();
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [CliTests.CliAssembly, "verify", "custody", item.ToString(), "--server", _api.BaseAddress.ToString(), "--key", key, "--token", auditorToken]);
        Assert.That(exit, Is.Zero, output + errors);
        Assert.That(output, Does.Contain("ContentViewed").And.Contain($"custody of {item} verified"));
    }

    private HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static HttpRequestMessage PlayRequest(Guid item, ByteRange range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{item}/content");
        request.Headers.Add("X-Access-Reason", Reason);
        request.Headers.Add("Range", $"bytes={range}");
        return request;
    }

    private async Task AssertPlayedAsync(string token, Guid item, ByteRange range, byte[] video)
    {
        using var client = Client(token);
        using var response = await client.SendAsync(PlayRequest(item, range));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), $"bytes={range}");
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(video[(int)range.First..((int)range.Last + 1)]), $"bytes={range}");
    }

    /// <summary>Content requests for the item the server began to handle since the log was <paramref name="logBefore"/> long.</summary>
    private int Arrived(int logBefore, Guid item) =>
        _api.ReadLog()[logBefore..].Split('\n').Count(line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains($"/api/evidence/{item}/content", StringComparison.Ordinal));

    /// <summary>The closing job, run against the server's database on a clock past the idle window, as the restarted server's would.</summary>
    private async Task CloseIdleSessionsAsync()
    {
        await using var services = TestDatabases.DatabaseServices(profile.Database, _api.DatabaseConnection);
        await using var scope = services.CreateAsyncScope();
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + scope.ServiceProvider.GetRequiredService<EvidenceSettings>().Playback.SessionIdle);
        var closed = await ActivatorUtilities.CreateInstance<CloseViewSessionsJob>(scope.ServiceProvider, later).RunAsync(CancellationToken.None);
        Assert.That(closed, Is.EqualTo(1));
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"waiting until {what}\n{_api.ReadLog()}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The test's own hold on the server's database, under which no view can commit and everything else can be read:
    /// SQLite's one writer taken by an open <c>BEGIN IMMEDIATE</c> (the server waits in its busy handler); on
    /// PostgreSQL, <c>view_sessions</c> locked against every change, not against reads.
    /// </summary>
    private sealed class ViewCommitHold(DatabaseProvider database, DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public static async Task<ViewCommitHold> TakeAsync(DatabaseProvider database, string connectionString)
        {
            DbConnection connection = database == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)
                : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, taking the write lock at once.
            var transaction = await connection.BeginTransactionAsync();
            if (database == DatabaseProvider.PostgreSql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "LOCK TABLE view_sessions IN EXCLUSIVE MODE";
                await command.ExecuteNonQueryAsync();
            }
            return new ViewCommitHold(database, connection, transaction);
        }

        /// <summary>
        /// True once a view commit of the server waits for this hold: on PostgreSQL, a lock on <c>view_sessions</c> is
        /// waited for; on SQLite, a content request's transaction began to begin and did not (per <paramref name="log"/>).
        /// </summary>
        public async Task<bool> ServerWaitsAsync(string log)
        {
            if (database == DatabaseProvider.PostgreSql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT count(*) FROM pg_locks
                    WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND relation = 'view_sessions'::regclass AND NOT granted
                    """;
                return (long)(await command.ExecuteScalarAsync())! > 0;
            }
            var lines = log.Split('\n').Where(line => line.Contains("/content", StringComparison.Ordinal)).ToList();
            return lines.Count(line => line.Contains("Beginning transaction", StringComparison.Ordinal))
                > lines.Count(line => line.Contains("Began transaction", StringComparison.Ordinal));
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
