using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Audit;

/// <summary>
/// The custody events that match every given filter, in ledger order, from <paramref name="Cursor"/> on. The
/// parameters are kept as the client wrote them, so that the validator names the one that is wrong instead of
/// the binder failing the request without saying which.
/// </summary>
/// <remarks>
/// Reading the trail is not itself a custody event: every read would lengthen the log it reads, and an
/// auditor's paging would bury the events it is looking for. Refusals are recorded, as for every message.
/// </remarks>
/// <param name="Actor">An actor id, matched exactly.</param>
/// <param name="Action">A <see cref="CustodyAction"/> name, in any case.</param>
/// <param name="EvidenceId">An evidence item's id.</param>
/// <param name="From">An ISO 8601 instant; events sealed at or after it.</param>
/// <param name="To">An ISO 8601 instant after <paramref name="From"/>; events sealed before it.</param>
/// <param name="Outcome">A <see cref="CustodyOutcome"/> name, in any case.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page of the same search.</param>
/// <param name="Limit">Entries per page, 1 to 1000; 100 when absent.</param>
[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin)]
public sealed record GetAuditTrail(
    [FromQuery(Name = "actor")] string? Actor,
    [FromQuery(Name = "action")] string? Action,
    [FromQuery(Name = "evidenceId")] string? EvidenceId,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "outcome")] string? Outcome,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "limit")] string? Limit) : IQuery<AuditTrail>;

internal sealed class GetAuditTrailHandler(EvidenceDb db) : IQueryHandler<GetAuditTrail, AuditTrail>
{
    public ValueTask<AuditTrail> Handle(GetAuditTrail query, CancellationToken cancellationToken)
    {
        var filter = AuditTrailFilter.Parse(query);
        var after = AuditTrailCursor.Parse(query.Cursor, filter);
        var limit = AuditTrailFilter.ParseLimit(query.Limit);

        var matching = db.CustodyEvents.AsNoTracking().Where(e => e.Sequence > after);
        if (filter.ActorId is { } actorId)
        {
            matching = matching.Where(e => e.ActorId == actorId);
        }
        if (filter.Action is { } action)
        {
            matching = matching.Where(e => e.Action == action);
        }
        if (filter.EvidenceId is { } evidenceId)
        {
            matching = matching.Where(e => e.EvidenceId == evidenceId);
        }
        if (filter.From is { } from)
        {
            matching = matching.Where(e => e.Time >= from);
        }
        if (filter.To is { } to)
        {
            matching = matching.Where(e => e.Time < to);
        }
        if (filter.Outcome is { } outcome)
        {
            matching = matching.Where(e => e.Outcome == outcome);
        }

        var entries = matching
            .OrderBy(e => e.Sequence)
            .Select(e => new AuditTrailEntry(
                e.Sequence!.Value, e.Time, e.ActorId, e.ActorKind.ToString(), e.ActorRole, e.ClientIp, e.Action.ToString(), e.EvidenceId,
                e.ContentSha256, e.Reason, e.Outcome.ToString()));
        return ValueTask.FromResult(new AuditTrail(db, entries, filter, limit));
    }
}

/// <summary>
/// The filters of a search, parsed. An empty parameter counts as absent, as a form with an empty field sends it.
/// Times are UTC: PostgreSQL takes no other offset for a <c>timestamptz</c> parameter.
/// </summary>
internal sealed partial record AuditTrailFilter(
    string? ActorId, CustodyAction? Action, Guid? EvidenceId, DateTimeOffset? From, DateTimeOffset? To, CustodyOutcome? Outcome)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly Dictionary<string, CustodyAction> Actions =
        Enum.GetValues<CustodyAction>().ToDictionary(action => action.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, CustodyOutcome> Outcomes =
        Enum.GetValues<CustodyOutcome>().ToDictionary(outcome => outcome.ToString(), StringComparer.OrdinalIgnoreCase);

    public static string ActionNames => string.Join(", ", Actions.Keys);

    public static string OutcomeNames => string.Join(", ", Outcomes.Keys);

    /// <summary>Null when a filter is malformed; the validator names which.</summary>
    public static AuditTrailFilter? TryParse(GetAuditTrail search) =>
        TryParseName(search.Action, Actions, out var action)
        && TryParseName(search.Outcome, Outcomes, out var outcome)
        && TryParseGuid(search.EvidenceId, out var evidenceId)
        && TryParseInstant(search.From, out var from)
        && TryParseInstant(search.To, out var to)
            ? new AuditTrailFilter(string.IsNullOrEmpty(search.Actor) ? null : search.Actor, action, evidenceId, from, to, outcome)
            : null;

    public static AuditTrailFilter Parse(GetAuditTrail search) =>
        TryParse(search) ?? throw new InvalidOperationException("The search was not validated.");

    public static int ParseLimit(string? limit) =>
        TryParseLimit(limit, out var parsed) ? parsed : throw new InvalidOperationException("The search was not validated.");

    public static bool IsAction(string? value) => TryParseName(value, Actions, out _);

    public static bool IsOutcome(string? value) => TryParseName(value, Outcomes, out _);

    /// <summary>
    /// Names only: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take numbers and
    /// comma-separated lists.
    /// </summary>
    private static bool TryParseName<T>(string? value, Dictionary<string, T> names, out T? parsed)
        where T : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (!names.TryGetValue(value, out var name))
        {
            return false;
        }
        parsed = name;
        return true;
    }

    public static bool TryParseGuid(string? value, out Guid? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (!Guid.TryParse(value, out var guid))
        {
            return false;
        }
        parsed = guid;
        return true;
    }

    /// <summary>
    /// An instant needs Z or an offset: without one, a time would mean something else on each client. A space
    /// where the offset's sign belongs is taken as <c>+</c>, which is what an unencoded <c>+</c> in a query
    /// string turns into.
    /// </summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (!Instant().IsMatch(value)
            || !DateTimeOffset.TryParse(value.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }
        parsed = instant.ToUniversalTime();
        return true;
    }

    public static bool TryParseLimit(string? value, out int parsed)
    {
        if (string.IsNullOrEmpty(value))
        {
            parsed = DefaultLimit;
            return true;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) && parsed is >= 1 and <= MaxLimit;
    }

    /// <summary>
    /// The filters in one spelling, whatever case, GUID format or offset the client wrote them in: what a
    /// cursor is bound to. Each value is length-prefixed, so no two searches share a spelling.
    /// </summary>
    public string ToCanonicalString()
    {
        var canonical = new StringBuilder();
        foreach (var value in new[]
                 {
                     ActorId, Action?.ToString(), EvidenceId?.ToString("D"),
                     From?.UtcTicks.ToString(CultureInfo.InvariantCulture), To?.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     Outcome?.ToString(),
                 })
        {
            canonical.Append(value is null ? "-" : $"{value.Length.ToString(CultureInfo.InvariantCulture)}:{value}").Append(';');
        }
        return canonical.ToString();
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|[+ -][0-9]{2}:[0-9]{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Instant();
}
