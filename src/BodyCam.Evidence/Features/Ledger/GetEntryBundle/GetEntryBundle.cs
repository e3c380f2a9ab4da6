using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// An entry bundle of the custody log (c2sp.org/tlog-tiles), <see cref="Path"/> being what follows
/// <c>/log/tile/entries/</c>: <c>&lt;N&gt;[.p/&lt;W&gt;]</c>. Auditors only: entries name people and places.
/// </summary>
[RequiresRole(Roles.Auditor)]
public sealed record GetEntryBundle(string? Path) : IQuery<LogTile>;

public sealed class GetEntryBundleValidator : AbstractValidator<GetEntryBundle>
{
    public GetEntryBundleValidator() =>
        RuleFor(q => q.Path).Custom((path, context) =>
        {
            if (!TilePath.TryParseEntryBundle(path, out _, out var problem))
            {
                context.AddFailure("path", problem.Message);
            }
        });
}

/// <summary>
/// The stored canonical entries, the bytes each leaf hash commits to: a row rewritten behind the application's back
/// shows as an entry whose hash no longer matches its level-0 tile. Served, like the hash tiles, as far as the log
/// has integrated.
/// </summary>
internal sealed class GetEntryBundleHandler(EvidenceDb db) : IQueryHandler<GetEntryBundle, LogTile>
{
    public async ValueTask<LogTile> Handle(GetEntryBundle query, CancellationToken cancellationToken)
    {
        var bundle = TilePath.ParseEntryBundle(query.Path);
        var entries = bundle.Index > (long.MaxValue - TilePath.FullWidth) / TilePath.FullWidth
            ? []
            : await db.CustodyEvents.AsNoTracking()
                .Where(e => e.Sequence >= bundle.Index * TilePath.FullWidth && e.Sequence < bundle.Index * TilePath.FullWidth + bundle.Width)
                .OrderBy(e => e.Sequence)
                .Select(e => e.Entry)
                .ToListAsync(cancellationToken);
        if (entries.Count < bundle.Width)
        {
            throw new NotFoundException($"The custody log has no entry bundle {TilePath.EntryBundle(bundle.Index, bundle.Width)} yet: it has not grown that far.");
        }
        return new LogTile(EntryBundle.Encode(entries), bundle.IsFull);
    }
}
