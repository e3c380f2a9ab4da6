using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Audit;

/// <summary>
/// The audit trail, filtered and paged as <c>GET /api/audit</c> pages it, and the same search as a CSV download.
/// Times in the form are UTC to the minute (a <c>datetime-local</c> field has no offset); the message gets them with <c>Z</c>.
/// </summary>
public sealed class GetAuditTrailPage(IMediator mediator) : ConsolePage(mediator)
{
    public static IReadOnlyList<string> Actions { get; } = [.. Enum.GetNames<CustodyAction>().Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Outcomes { get; } = Enum.GetNames<CustodyOutcome>();

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EvidenceId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public AuditTrailPage Trail { get; private set; } = new([], null);

    /// <summary>The search's filters as query parameters, for the next page's and the download's links.</summary>
    public Dictionary<string, string> Filters => new Dictionary<string, string?>
    {
        ["actor"] = Actor, ["action"] = Action, ["outcome"] = Outcome, ["evidenceId"] = EvidenceId, ["from"] = From, ["to"] = To,
    }.Where(filter => !string.IsNullOrEmpty(filter.Value)).ToDictionary(filter => filter.Key, filter => filter.Value!);

    public async Task OnGetAsync()
    {
        var trail = await Mediator.Send(Search(Cursor), HttpContext.RequestAborted);
        Trail = await trail.ReadPageAsync(HttpContext.RequestAborted);
    }

    /// <summary>Every matching event, not one page, written as the endpoint writes <c>Accept: text/csv</c>.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var trail = await Mediator.Send(Search(cursor: null), HttpContext.RequestAborted);
        Response.ContentType = "text/csv";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        await trail.WriteCsvAsync(Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    private GetAuditTrail Search(string? cursor) =>
        new(Actor?.Trim(), Action, EvidenceId?.Trim(), Utc(From), Utc(To), Outcome, cursor, Limit: null);

    private static string? Utc(string? minute) => string.IsNullOrEmpty(minute) ? null : minute + "Z";
}
