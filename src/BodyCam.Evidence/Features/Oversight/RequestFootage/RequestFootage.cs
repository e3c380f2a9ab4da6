using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// An oversight board asks for the footage of an incident by what it knows of it: any of a case number, a complaint
/// reference, an officer, a time window (<see cref="From"/>–<see cref="To"/>) and a place (a point and a radius in
/// metres, matched against the recordings' GNSS tracks), with a description of the incident and its purpose. The
/// response deadline is fixed now, from <c>Oversight:ResponseDays</c>.
/// </summary>
[RequiresRole(Roles.OversightBoard)]
public sealed record RequestFootage(
    string? CaseNumber,
    string? ComplaintReference,
    string? OfficerId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    double? Latitude,
    double? Longitude,
    double? RadiusMetres,
    string Description,
    string Purpose)
    : ICommand<FootageRequestView>;

internal sealed class RequestFootageHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<RequestFootage, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(RequestFootage command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deadlines = settings.Oversight.Deadlines;
        var request = FootageRequest.Receive(
            caller.Actor.Id, Given(command.CaseNumber), Given(command.ComplaintReference), Given(command.OfficerId), command.From?.ToUniversalTime(),
            command.To?.ToUniversalTime(), command.Latitude, command.Longitude, command.RadiusMetres, command.Description.Trim(), command.Purpose.Trim(),
            now, deadlines.DueAt(now));
        db.FootageRequests.Add(request);
        db.FootageRequestSteps.Add(FootageRequestStep.Of(request, caller.Actor.Id, now, null));
        db.CustodyEvents.Record(
            CustodyAction.FootageRequested, caller.Actor,
            reason: $"footage request {request.Id}: {Describe(request)}; due {request.DueAt:O}; purpose: {request.Purpose}");
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewAsync(request, reviewer: false, deadlines, now, cancellationToken);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What the board asked by, as the custody event names it.</summary>
    internal static string Describe(FootageRequest request)
    {
        var asked = new List<string>();
        if (request.CaseNumber is { } caseNumber)
        {
            asked.Add($"case {caseNumber}");
        }
        if (request.ComplaintReference is { } complaint)
        {
            asked.Add($"complaint {complaint}");
        }
        if (request.OfficerId is { } officer)
        {
            asked.Add($"officer {officer}");
        }
        if (request.From is { } from && request.To is { } to)
        {
            asked.Add($"{from:O} to {to:O}");
        }
        if (request.HasPlace)
        {
            asked.Add(string.Create(CultureInfo.InvariantCulture, $"within {request.RadiusMetres:0.#} m of {request.Latitude:0.######},{request.Longitude:0.######}"));
        }
        return string.Join(", ", asked);
    }
}
