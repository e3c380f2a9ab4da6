using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Ledger;
using FluentValidation;
using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// A hash tile of the custody log (c2sp.org/tlog-tiles), <see cref="Path"/> being what follows <c>/log/tile/</c>:
/// <c>&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>. Public: it reveals only hashes.
/// </summary>
public sealed record GetHashTile(string? Path) : IQuery<LogTile>;

/// <param name="Content">The tile's or bundle's bytes.</param>
/// <param name="IsFull">A full tile (256 wide), which no later entry can change.</param>
public sealed record LogTile(byte[] Content, bool IsFull);

public sealed class GetHashTileValidator : AbstractValidator<GetHashTile>
{
    public GetHashTileValidator() =>
        RuleFor(q => q.Path).Custom((path, context) =>
        {
            if (!TilePath.TryParseHashTile(path, out _, out var problem))
            {
                context.AddFailure("path", problem.Message);
            }
        });
}

/// <summary>
/// A tile of level L holds the stored subtrees of tree level 8·L, so it is one range of consecutive node keys. Tiles
/// are served for every size the log has integrated, not only up to the latest checkpoint: a completed subtree
/// never changes, so a tile is the same whichever checkpoint a client verifies it against, and reading the nodes
/// alone answers in one query without asking which checkpoint is served.
/// </summary>
internal sealed class GetHashTileHandler(EvidenceDb db) : IQueryHandler<GetHashTile, LogTile>
{
    public async ValueTask<LogTile> Handle(GetHashTile query, CancellationToken cancellationToken)
    {
        var tile = TilePath.ParseHashTile(query.Path);
        var hashes = tile.Index > (long.MaxValue - TilePath.FullWidth) / TilePath.FullWidth
            ? null
            : await db.ConsecutiveSubtreeHashesAsync(tile.Level * TilePath.Height, tile.Index * TilePath.FullWidth, tile.Width, cancellationToken);
        return new LogTile(
            hashes ?? throw new NotFoundException(
                $"The custody log has no tile {TilePath.HashTile(tile.Level, tile.Index, tile.Width)} yet: it has not grown that far."),
            tile.IsFull);
    }
}
