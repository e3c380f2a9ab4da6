using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Categories;

/// <summary>
/// The agency's categories with their retention: the form creates one (<see cref="CreateCategory"/>), or, opened
/// from a category's row, changes it (<see cref="PutCategory"/>) under its id, which never changes.
/// </summary>
public sealed class CreateCategoryPage(IMediator mediator) : ConsolePage(mediator)
{
    /// <summary>The category being changed; none when the form creates one.</summary>
    [BindProperty]
    public string? CategoryId { get; set; }

    [BindProperty]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Display(Name = "Retention in days (empty: no rule)")]
    public int? RetentionDays { get; set; }

    [BindProperty]
    [Display(Name = "Active (offered to cameras and reviewers)")]
    public bool Active { get; set; } = true;

    [TempData]
    public string? Confirmation { get; set; }

    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];

    public async Task OnGetAsync(string? edit)
    {
        await LoadAsync();
        if (Categories.FirstOrDefault(c => c.Id == edit) is { } category)
        {
            (CategoryId, Name, RetentionDays, Active) = (category.Id, category.Name, category.RetentionDays, category.Active);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var category = string.IsNullOrEmpty(CategoryId)
            ? await TrySendAsync(new CreateCategory(Name, RetentionDays, Active))
            : await TrySendAsync(new PutCategory(CategoryId, Name, RetentionDays, Active));
        if (category is null)
        {
            await LoadAsync();
            return Page();
        }
        Confirmation = $"Category {category.Name} saved as {category.Id}, retention "
            + (category.RetentionDays is { } days ? $"{days} days." : "not set.");
        return RedirectToPage();
    }

    private async Task LoadAsync() => Categories = await Mediator.Send(new GetCategories(ActiveOnly: false), HttpContext.RequestAborted);
}
