using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Features.Recordings;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>One box of the categories form: the agency's active categories, and those the item carries already.</summary>
public sealed record CategoryChoice(string Id, string Name, bool Chosen);

public sealed class AssignCategoriesForm
{
    public Guid Id { get; set; }
    public string? Reason { get; set; }
    public List<string> Categories { get; set; } = [];
    public IReadOnlyList<CategoryChoice> Choices { get; set; } = [];

    public static IReadOnlyList<CategoryChoice> ChoicesOf(IEnumerable<CategoryView> agency, IEnumerable<CategoryTag> carried, IReadOnlyCollection<string> chosen) =>
        [.. agency.Select(c => (c.Id, c.Name)).Concat(carried.Select(c => (c.Id, Name: c.Name ?? c.Id)))
            .DistinctBy(c => c.Id).OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new CategoryChoice(c.Id, c.Name, chosen.Contains(c.Id)))];
}

/// <summary>Replaces the item's categories from the player's form and goes back to the player; refused fields come back here.</summary>
public sealed class AssignCategoriesPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public AssignCategoriesForm Form { get; set; } = new();

    public IActionResult OnGet(Guid id) => LocalRedirect(PlayEvidencePage.Path(id, null));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form.Id = id;
        var assigned = await TrySendAsync(new AssignCategories(id, Form.Categories));
        if (assigned is null)
        {
            var agency = await Mediator.Send(new GetCategories(ActiveOnly: true), HttpContext.RequestAborted);
            Form.Choices = AssignCategoriesForm.ChoicesOf(agency, [], Form.Categories);
            return Page();
        }
        TempData[PlayEvidencePage.Done] = assigned.Categories.Count == 0
            ? "The item now has no category."
            : $"Categories now: {string.Join(", ", assigned.Categories.Select(c => c.Name ?? c.Id))}.";
        return LocalRedirect(PlayEvidencePage.Path(id, Form.Reason) + "#categories");
    }
}
