using System.Reflection;
using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// The player: it asks why first, as playing does (the reason is checked by <see cref="PlayEvidence"/>'s own
/// validator and travels with every content request of the video), then plays the item with its timeline, its GNSS
/// track and the review actions beside it. The content requests themselves are the viewing the custody log records.
/// </summary>
public sealed class PlayEvidencePage(IMediator mediator, IValidator<PlayEvidence> reasons, ConsoleSettings console) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>As the content endpoint reads it: <c>?reason=</c> given blank is a reason refused, not a reason not yet asked.</summary>
    public string? Reason { get; private set; }

    public EvidenceItemDetails Item { get; private set; } = null!;

    public PlayerTimeline Timeline { get; private set; } = null!;

    public TrackGrid? Grid { get; private set; }

    public AssignCategoriesForm CategoriesForm { get; private set; } = new();

    public ConsoleSettings Console => console;

    /// <summary>Whether the video plays: a reason was given and the API would take it.</summary>
    public bool Playing { get; private set; }

    public string ContentUrl => $"{Item.ContentUrl}?{AccessReason.QueryParameter}={Uri.EscapeDataString(Reason!)}";

    /// <summary>Where the review actions send the person back to: the player, still playing for the same reason.</summary>
    public const string Done = "ReviewActionDone";

    public static string Path(Guid item, string? reason) =>
        $"/evidence/{item}/watch" + (string.IsNullOrWhiteSpace(reason) ? "" : $"?{AccessReason.QueryParameter}={Uri.EscapeDataString(reason)}");

    public async Task<IActionResult> OnGetAsync()
    {
        Item = await Mediator.Send(new GetEvidenceItem(Id), HttpContext.RequestAborted);
        Reason = AccessReason.Of(Request);
        if (Reason is not null)
        {
            var checkedReason = await reasons.ValidateAsync(new PlayEvidence(Id, Reason, ContentConditions.None), HttpContext.RequestAborted);
            if (checkedReason.IsValid)
            {
                Playing = true;
                Reason = Reason.Trim();
            }
            else
            {
                var why = string.Join(" ", checkedReason.Errors.Select(e => e.ErrorMessage).Distinct());
                await InvalidRequests.RecordAsync(HttpContext, InvalidRequests.Describe(new Dictionary<string, string[]> { [AccessReason.QueryParameter] = [why] }));
                ModelState.AddModelError(nameof(Reason), $"{AccessReason.QueryParameter}: {why}");
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        if (Playing)
        {
            var segments = Item.RecordingId is { } recording && MaySend<GetRecording>()
                ? (await Mediator.Send(new GetRecording(recording), HttpContext.RequestAborted)).Clips
                : [];
            Timeline = PlayerTimeline.Of(Item, segments);
            Grid = Console.TileServer is null ? TrackGrid.Of(Item.GnssTrack) : null;
            if (MaySend<AssignCategories>())
            {
                var agency = await Mediator.Send(new GetCategories(ActiveOnly: true), HttpContext.RequestAborted);
                CategoriesForm = new AssignCategoriesForm
                {
                    Id = Id, Reason = Reason, Choices = AssignCategoriesForm.ChoicesOf(agency, Item.Categories, [.. Item.Categories.Select(c => c.Id)]),
                };
            }
        }
        return Page();
    }

    /// <summary>
    /// Whether the person's role is one the message admits, as its <see cref="RequiresRoleAttribute"/> declares; the
    /// pipeline still decides. Asking a message the role never may would only fill the custody log with refusals.
    /// </summary>
    public bool MaySend<TMessage>() =>
        typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>()?.Roles.Any(User.IsInRole) ?? true;
}
