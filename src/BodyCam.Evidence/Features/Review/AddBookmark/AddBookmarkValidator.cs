using System.Text.Json;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Review;

public sealed class AddBookmarkValidator : AbstractValidator<AddBookmark>
{
    private const int MaxStoredTagsLength = 1000;

    public AddBookmarkValidator()
    {
        RuleFor(c => c.StartSeconds).Must(start => double.IsFinite(start) && start >= 0)
            .WithMessage("Seconds from the start of the media, 0 or more.");
        RuleFor(c => c.EndSeconds).Must((command, end) => end is null || (double.IsFinite(end.Value) && end > command.StartSeconds))
            .WithMessage("Later than startSeconds, or absent for a moment.");
        RuleFor(c => c.Label).NotEmpty().MaximumLength(500).Must(label => label.Trim().Length > 0)
            .WithMessage("1-500 characters of text, not only spaces.").IsFreeText();
        RuleFor(c => c.Tags).Must(BeTags!).When(c => c.Tags is not null)
            .WithMessage($"At most {AddBookmark.MaxTags} tags of 1-{AddBookmark.MaxTagLength} characters.");
        RuleForEach(c => c.Tags).IsFreeText();
    }

    private static bool BeTags(IReadOnlyList<string> tags) =>
        tags.Count <= AddBookmark.MaxTags
        && tags.All(tag => tag is not null && tag.Trim().Length is > 0 and <= AddBookmark.MaxTagLength)
        && JsonSerializer.Serialize(tags).Length <= MaxStoredTagsLength;
}
