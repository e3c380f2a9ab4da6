using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using FluentValidation;
using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin)]
public sealed record GetConsistencyProof(long From, long To) : IQuery<ConsistencyProof>;

/// <summary>RFC 9162 §2.1.4 proof that the tree of the first <see cref="From"/> entries is a prefix of the tree of <see cref="To"/>.</summary>
public sealed record ConsistencyProof(long From, long To, IReadOnlyList<byte[]> Hashes);

public sealed class GetConsistencyProofValidator : AbstractValidator<GetConsistencyProof>
{
    public GetConsistencyProofValidator()
    {
        RuleFor(q => q.From).GreaterThanOrEqualTo(0).OverridePropertyName("from");
        RuleFor(q => q.From).LessThanOrEqualTo(q => q.To).WithMessage("from must not be larger than to.").OverridePropertyName("from");
    }
}

internal sealed class GetConsistencyProofHandler(EvidenceDb db) : IQueryHandler<GetConsistencyProof, ConsistencyProof>
{
    public async ValueTask<ConsistencyProof> Handle(GetConsistencyProof query, CancellationToken cancellationToken)
    {
        await LedgerQueries.RequireTreeSizeAsync(db, query.To, "to", cancellationToken);
        return new ConsistencyProof(query.From, query.To, await db.ConsistencyProofAsync(query.From, query.To, cancellationToken));
    }
}
