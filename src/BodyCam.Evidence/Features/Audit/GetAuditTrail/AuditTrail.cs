using BodyCam.Evidence.Infrastructure.Persistence;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BodyCam.Evidence.Features.Audit;

/// <summary>
/// One custody event as the trail lists it: the fields of its ledger entry, <see cref="Index"/> being its
/// sequence number. Both databases hand times back in UTC, which the CSV format's <c>Z</c> relies on.
/// </summary>
[CsvRecord]
public sealed partial record AuditTrailEntry(
    [property: CsvColumn("index")] long Index,
    [property: CsvColumn("time"), CsvFormat("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'")] DateTimeOffset Time,
    [property: CsvColumn("actorId")] string ActorId,
    [property: CsvColumn("actorKind")] string ActorKind,
    [property: CsvColumn("actorRole")] string? ActorRole,
    [property: CsvColumn("clientIp")] string? ClientIp,
    [property: CsvColumn("action")] string Action,
    [property: CsvColumn("evidenceId")] Guid? EvidenceId,
    [property: CsvColumn("contentSha256")] string? ContentSha256,
    [property: CsvColumn("reason")] string? Reason,
    [property: CsvColumn("outcome")] string Outcome);

/// <param name="Items">The page's entries, in ledger order.</param>
/// <param name="NextCursor">Continues the same search after <paramref name="Items"/>; null when nothing follows.</param>
public sealed record AuditTrailPage(IReadOnlyList<AuditTrailEntry> Items, string? NextCursor);

/// <summary>
/// The entries that match a search, in ledger order from its cursor on, not read yet: the endpoint reads a
/// page of them for JSON, or all of them for CSV. Paging is by index, never by offset, so a page costs the same
/// however deep into the trail it starts, and events appended meanwhile cannot shift later pages. Nor can one
/// appear behind a cursor: indexes are assigned under the log's lock as each transaction commits, so an index
/// becomes visible only after every lower one.
/// </summary>
public sealed class AuditTrail
{
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    private readonly EvidenceDb _db;
    private readonly IQueryable<AuditTrailEntry> _entries;
    private readonly AuditTrailFilter _filter;
    private readonly int _limit;

    internal AuditTrail(EvidenceDb db, IQueryable<AuditTrailEntry> entries, AuditTrailFilter filter, int limit)
    {
        _db = db;
        _entries = entries;
        _filter = filter;
        _limit = limit;
    }

    public async Task<AuditTrailPage> ReadPageAsync(CancellationToken cancellationToken)
    {
        // One entry past the page says whether another page follows, without counting.
        var items = await _entries.Take(_limit + 1).ToListAsync(cancellationToken);
        if (items.Count <= _limit)
        {
            return new AuditTrailPage(items, null);
        }
        items.RemoveAt(_limit);
        return new AuditTrailPage(items, AuditTrailCursor.After(items[^1].Index, _filter));
    }

    /// <summary>
    /// Writes every matching entry, not one page, as RFC 4180 CSV with a header row, streaming rows from the
    /// database to <paramref name="destination"/> as they are read.
    /// </summary>
    /// <remarks>
    /// Formula injection: a text field that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR
    /// is written with a leading <c>'</c> (and quoted), CsvHelper's <see cref="CsvInjection.Escape"/>, so a
    /// spreadsheet shows a reason such as <c>=HYPERLINK(…)</c> as text instead of running it. The JSON trail
    /// keeps every value as the ledger recorded it.
    /// </remarks>
    public async Task WriteCsvAsync(Stream destination, CancellationToken cancellationToken) =>
        await new SingleAttempt(_db).ExecuteAsync(async ct =>
        {
            await using var csv = CsvWriter.Create(destination, CsvOptions, leaveOpen: true);
            await csv.WriteRecordsAsync(_entries.AsAsyncEnumerable(), ct);
        }, cancellationToken);

    /// <summary>
    /// EF Core buffers a whole query result in memory while a retrying execution strategy is in charge, as
    /// PostgreSQL's is here, so that it could start over; inside a strategy that never retries, the rows stream.
    /// An export cannot start over anyway: the rows already sent would be sent twice.
    /// </summary>
    private sealed class SingleAttempt(DbContext db) : ExecutionStrategy(db, maxRetryCount: 0, maxRetryDelay: TimeSpan.Zero)
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}
