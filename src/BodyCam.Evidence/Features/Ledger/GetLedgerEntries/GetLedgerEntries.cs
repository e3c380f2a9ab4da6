using System.Text.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>Entries <see cref="Start"/>..<see cref="Start"/>+<see cref="Count"/>-1 of the custody log, as far as it goes.</summary>
[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin)]
public sealed record GetLedgerEntries(long Start, int Count) : IQuery<IReadOnlyList<LedgerEntry>>
{
    public const int MaxCount = 1000;
}

/// <summary>
/// One leaf of the log. <see cref="Entry"/> is the hashed canonical bytes and <see cref="Decoded"/> the same bytes
/// as JSON; <see cref="Recorded"/> is what the row says now. A verifier re-encodes <see cref="Recorded"/> and
/// compares: a row edited in the database no longer matches the bytes its leaf committed to.
/// </summary>
public sealed record LedgerEntry(long Index, byte[] Entry, JsonElement Decoded, byte[] LeafHash, CustodyEntry Recorded);

public sealed class GetLedgerEntriesValidator : AbstractValidator<GetLedgerEntries>
{
    public GetLedgerEntriesValidator()
    {
        RuleFor(q => q.Start).GreaterThanOrEqualTo(0).OverridePropertyName("start");
        RuleFor(q => q.Count).InclusiveBetween(1, GetLedgerEntries.MaxCount).OverridePropertyName("count");
    }
}

internal sealed class GetLedgerEntriesHandler(EvidenceDb db) : IQueryHandler<GetLedgerEntries, IReadOnlyList<LedgerEntry>>
{
    public async ValueTask<IReadOnlyList<LedgerEntry>> Handle(GetLedgerEntries query, CancellationToken cancellationToken)
    {
        var rows = await db.CustodyEvents.AsNoTracking()
            .Where(e => e.Sequence >= query.Start && e.Sequence < query.Start + query.Count)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && query.Count == 1)
        {
            throw new NotFoundException($"The custody log has no entry {query.Start}.");
        }
        return [.. rows.Select(row => new LedgerEntry(row.Sequence!.Value, row.Entry, JsonSerializer.Deserialize<JsonElement>(row.Entry), row.LeafHash, row.ToEntry()))];
    }
}
