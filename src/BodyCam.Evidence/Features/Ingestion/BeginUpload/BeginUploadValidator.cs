using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;
using static BodyCam.Evidence.Features.Ingestion.RecordingMetadata;

namespace BodyCam.Evidence.Features.Ingestion.BeginUpload;

/// <summary>Errors are keyed by the metadata key the sender used, so a dock's log names exactly what to fix.</summary>
public sealed class BeginUploadValidator : AbstractValidator<BeginUpload>
{
    public BeginUploadValidator(EvidenceSettings settings)
    {
        var required = settings.Ingestion.RequiredMetadata;
        bool Present(BeginUpload command, string? value, string key, Func<string, bool> valid) =>
            value is null ? command.RejectedContent || !required.Contains(key) : valid(value);

        RuleFor(c => c.Length).GreaterThanOrEqualTo(0).OverridePropertyName("Upload-Length");
        RuleFor(c => c.Metadata.GetValueOrDefault(FileName))
            .Must(IsPlainFileName)
            .WithMessage("A file name is required: 1-255 characters, not only spaces or dots, no folders, no control or formatting characters.")
            .OverridePropertyName(FileName);
        RuleFor(c => c.Metadata.GetValueOrDefault(DeviceSerial))
            .Must((command, value) => Present(command, value, DeviceSerial, IsIdentifier))
            .WithMessage(Describe(required, DeviceSerial, "the camera's serial number: 1-64 letters, digits, '.', '_', ':' or '-'"))
            .OverridePropertyName(DeviceSerial);
        RuleFor(c => c.Metadata.GetValueOrDefault(OfficerId))
            .Must((command, value) => Present(command, value, OfficerId, IsIdentifier))
            .WithMessage(Describe(required, OfficerId, "the officer's id: 1-64 letters, digits, '.', '_', ':' or '-'"))
            .OverridePropertyName(OfficerId);
        RuleFor(c => c.Metadata.GetValueOrDefault(RecordedStart))
            .Must((command, value) => Present(command, value, RecordedStart, v => TryParseUtc(v, out _)))
            .WithMessage(Describe(required, RecordedStart, "an ISO 8601 UTC time ending in 'Z'"))
            .OverridePropertyName(RecordedStart);
        RuleFor(c => c.Metadata.GetValueOrDefault(RecordedEnd))
            .Must((command, value) => Present(command, value, RecordedEnd, v => TryParseUtc(v, out _)))
            .WithMessage(Describe(required, RecordedEnd, "an ISO 8601 UTC time ending in 'Z'"))
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Metadata)
            .Must(metadata => !TryParseUtc(metadata.GetValueOrDefault(RecordedStart), out var start)
                || !TryParseUtc(metadata.GetValueOrDefault(RecordedEnd), out var end)
                || end >= start)
            .WithMessage("The recording cannot end before it starts.")
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Metadata.GetValueOrDefault(ContentType))
            .Must(IsMediaType).WithMessage("A media type such as video/mp4 is expected.")
            .MaximumLength(100)
            .OverridePropertyName(ContentType);
        RuleFor(c => c.MetadataHeader).MaximumLength(8192).OverridePropertyName("Upload-Metadata");
        RuleFor(c => c.Metadata.GetValueOrDefault(Sha256))
            .Must(IsSha256Hex).WithMessage("The whole file's SHA-256 as 64 hexadecimal digits is expected.")
            .OverridePropertyName(Sha256);
        RuleFor(c => c.Metadata.GetValueOrDefault(Category)).MaximumLength(100).OverridePropertyName(Category);
        RuleFor(c => c.Metadata).Custom(BeText);
    }

    /// <summary>Every key and value is text by the one rule, those kept as sent too; a failing value is named by its key.</summary>
    private static void BeText(IReadOnlyDictionary<string, string> metadata, ValidationContext<BeginUpload> context)
    {
        foreach (var (key, value) in metadata)
        {
            if (FreeText.Refusal(key) is { } keyRefusal)
            {
                context.AddFailure("Upload-Metadata", $"A key is refused: {keyRefusal}");
            }
            else if (FreeText.Refusal(value) is { } refusal)
            {
                context.AddFailure(key, refusal);
            }
        }
    }

    private static string Describe(IReadOnlySet<string> required, string key, string what) =>
        (required.Contains(key) ? "Required: " : "When given, ") + what + ".";
}
