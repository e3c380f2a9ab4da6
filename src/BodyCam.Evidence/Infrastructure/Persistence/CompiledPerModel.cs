using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// An EF compiled query for each model the process meets. EF binds a compiled query to the model of the first context
/// that runs it and refuses every other: SQLite's and PostgreSQL's models differ, and so do those of two hosts in one
/// test process. A server has one model, so this is one lookup per request; keys are weak so that a test host's model
/// goes with its host.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(EvidenceDb db) =>
        _byModel.TryGetValue(db.Model, out var compiled) ? compiled : _byModel.GetOrAdd(db.Model, _ => compile());
}
