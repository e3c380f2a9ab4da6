using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using FluentValidation;
using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin)]
public sealed record GetInclusionProof(long Index, long TreeSize) : IQuery<InclusionProof>;

/// <summary>RFC 9162 §2.1.3 inclusion proof of entry <see cref="Index"/> in the tree of the first <see cref="TreeSize"/> entries.</summary>
public sealed record InclusionProof(long Index, long TreeSize, IReadOnlyList<byte[]> Hashes);

public sealed class GetInclusionProofValidator : AbstractValidator<GetInclusionProof>
{
    public GetInclusionProofValidator()
    {
        RuleFor(q => q.TreeSize).GreaterThan(0).OverridePropertyName("treeSize");
        RuleFor(q => q.Index).GreaterThanOrEqualTo(0).OverridePropertyName("index");
        RuleFor(q => q.Index).LessThan(q => q.TreeSize).WithMessage("The index must be inside the tree: less than treeSize.").OverridePropertyName("index");
    }
}

internal sealed class GetInclusionProofHandler(EvidenceDb db) : IQueryHandler<GetInclusionProof, InclusionProof>
{
    public async ValueTask<InclusionProof> Handle(GetInclusionProof query, CancellationToken cancellationToken)
    {
        await LedgerQueries.RequireTreeSizeAsync(db, query.TreeSize, "treeSize", cancellationToken);
        return new InclusionProof(query.Index, query.TreeSize, await db.InclusionProofAsync(query.Index, query.TreeSize, cancellationToken));
    }
}
