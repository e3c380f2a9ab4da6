using System.Globalization;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Evidence search: a GET form with the filters of GET /api/evidence under the same names, so a search is a URL
/// that can be bookmarked or sent, and paging follows the API's cursor forward.
/// </summary>
public sealed class GetEvidenceItemsPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true, Name = "officerId")]
    public string? OfficerId { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "deviceSerial")]
    public string? DeviceSerial { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "caseNumber")]
    public string? CaseNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "text")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "bbox")]
    public string? Bbox { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public EvidencePage? Results { get; private set; }

    public static IReadOnlyList<string> Statuses { get; } = ["Received", "Verified", "Quarantined"];

    public async Task OnGetAsync() =>
        Results = await TrySendAsync(new GetEvidenceItems(
            OfficerId, Unit, DeviceSerial, Instant(From), Instant(To), Category, CaseNumber, Status, Text, Bbox, Cursor, Limit: null));

    /// <summary>This search from <paramref name="cursor"/> on (the first page without one): the same filters, as given.</summary>
    public string SearchUrl(string? cursor) => "/evidence" + QueryString.Create(new Dictionary<string, string?>
    {
        ["officerId"] = OfficerId, ["unit"] = Unit, ["deviceSerial"] = DeviceSerial, ["from"] = From, ["to"] = To, ["category"] = Category,
        ["caseNumber"] = CaseNumber, ["status"] = Status, ["text"] = Text, ["bbox"] = Bbox, ["cursor"] = cursor,
    }.Where(parameter => !string.IsNullOrEmpty(parameter.Value)));

    /// <summary>A time as the form's date-and-time field shows it: UTC, without an offset.</summary>
    public static string? TimeField(string? value) =>
        DateTimeOffset.TryParse(Instant(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : value;

    /// <summary>
    /// A browser's date-and-time field sends no offset (<c>2026-11-26T08:00</c>); the form labels its times UTC, so
    /// that is what it is sent as. Anything else goes to the API as typed, for its validator to judge.
    /// </summary>
    private static string? Instant(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? EvidenceText.Iso(new DateTimeOffset(time, TimeSpan.Zero))
            : value;
}
