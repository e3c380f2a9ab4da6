using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;
using static BodyCam.Evidence.Features.Ingestion.RecordingMetadata;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>Errors are keyed by the fact's name in <see cref="RecordingMetadata"/>; each protocol adapter renames them to its own.</summary>
public sealed class BeginUploadValidator : AbstractValidator<BeginUpload>
{
    public BeginUploadValidator(EvidenceSettings settings)
    {
        var required = settings.Ingestion.RequiredMetadata;
        bool Present<T>(BeginUpload command, T? value, string fact, Func<T, bool> valid) =>
            value is null ? command.RejectedContent || !required.Contains(fact) : valid(value);

        RuleFor(c => c.Length).GreaterThanOrEqualTo(0).OverridePropertyName(Length);
        RuleFor(c => c.Recording.FileName)
            .Must(IsPlainFileName)
            .WithMessage("A file name is required: 1-255 characters, not only spaces or dots, no folders, no control or formatting characters.")
            .OverridePropertyName(FileName);
        RuleFor(c => c.Recording.DeviceSerial)
            .Must((command, value) => Present(command, value, DeviceSerial, IsIdentifier))
            .WithMessage(Describe(required, DeviceSerial, "the camera's serial number: 1-64 letters, digits, '.', '_', ':' or '-'"))
            .OverridePropertyName(DeviceSerial);
        RuleFor(c => c.Recording.OfficerId)
            .Must((command, value) => Present(command, value, OfficerId, IsIdentifier))
            .WithMessage(Describe(required, OfficerId, "the officer's id: 1-64 letters, digits, '.', '_', ':' or '-'"))
            .OverridePropertyName(OfficerId);
        RuleFor(c => c.Recording.RecordedStart)
            .Must((command, value) => Present(command, value, RecordedStart, _ => true))
            .WithMessage(Describe(required, RecordedStart, UtcTime))
            .OverridePropertyName(RecordedStart);
        RuleFor(c => c.Recording.RecordedEnd)
            .Must((command, value) => Present(command, value, RecordedEnd, _ => true))
            .WithMessage(Describe(required, RecordedEnd, UtcTime))
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Recording)
            .Must(recording => recording.RecordedStart is not { } start || recording.RecordedEnd is not { } end || end >= start)
            .WithMessage("The recording cannot end before it starts.")
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Recording.ContentType)
            .Must(IsMediaType).WithMessage("A media type such as video/mp4 is expected.")
            .MaximumLength(100)
            .OverridePropertyName(ContentType);
        RuleFor(c => c.Recording.DeclaredSha256)
            .Must(IsSha256Hex).WithMessage("The whole file's SHA-256 as 64 hexadecimal digits is expected.")
            .OverridePropertyName(DeclaredSha256);
        RuleFor(c => c.Recording.Category)
            .MaximumLength(100)
            .IsFreeText()
            .OverridePropertyName(Category);
    }

    /// <summary>How a time is written on the wire, which every adapter reads before the core sees the time.</summary>
    public const string UtcTime = "an ISO 8601 UTC time ending in 'Z'";

    public static string Describe(IReadOnlySet<string> required, string fact, string what) =>
        (required.Contains(fact) ? "Required: " : "When given, ") + what + ".";
}
