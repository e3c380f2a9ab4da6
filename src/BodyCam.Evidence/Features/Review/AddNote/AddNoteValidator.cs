using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Review;

public sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator() =>
        RuleFor(c => c.Text).NotEmpty().MaximumLength(4000).Must(text => text.Trim().Length > 0)
            .WithMessage("1-4000 characters of text, not only spaces.").IsFreeText(allowLineBreaks: true);
}
