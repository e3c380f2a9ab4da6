using FluentValidation;
using static BodyCam.Evidence.Features.Ingestion.RecordingMetadata;

namespace BodyCam.Evidence.Features.Ingestion.BeginUpload;

/// <summary>Errors are keyed by the metadata key the sender used, so a dock's log names exactly what to fix.</summary>
public sealed class BeginUploadValidator : AbstractValidator<BeginUpload>
{
    public BeginUploadValidator()
    {
        RuleFor(c => c.Length).GreaterThanOrEqualTo(0).OverridePropertyName("Upload-Length");
        RuleFor(c => c.Metadata.GetValueOrDefault(FileName))
            .Must(IsPlainFileName).WithMessage("A file name (no folders, no control characters, at most 255 characters) is required.")
            .OverridePropertyName(FileName);
        RuleFor(c => c.Metadata.GetValueOrDefault(DeviceSerial))
            .Must(IsIdentifier).WithMessage("The camera's serial number is required: 1-64 letters, digits, '.', '_', ':' or '-'.")
            .OverridePropertyName(DeviceSerial);
        RuleFor(c => c.Metadata.GetValueOrDefault(OfficerId))
            .Must(IsIdentifier).WithMessage("The officer's id is required: 1-64 letters, digits, '.', '_', ':' or '-'.")
            .OverridePropertyName(OfficerId);
        RuleFor(c => c.Metadata.GetValueOrDefault(RecordedStart))
            .Must(value => TryParseUtc(value, out _)).WithMessage("An ISO 8601 UTC time ending in 'Z' is required.")
            .OverridePropertyName(RecordedStart);
        RuleFor(c => c.Metadata.GetValueOrDefault(RecordedEnd))
            .Must(value => TryParseUtc(value, out _)).WithMessage("An ISO 8601 UTC time ending in 'Z' is required.")
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Metadata)
            .Must(metadata => !TryParseUtc(metadata.GetValueOrDefault(RecordedStart), out var start)
                || !TryParseUtc(metadata.GetValueOrDefault(RecordedEnd), out var end)
                || end >= start)
            .WithMessage("The recording cannot end before it starts.")
            .OverridePropertyName(RecordedEnd);
        RuleFor(c => c.Metadata.GetValueOrDefault(ContentType))
            .Must(IsMediaType).WithMessage("A media type such as video/mp4 is expected.")
            .OverridePropertyName(ContentType);
        RuleFor(c => c.Metadata.GetValueOrDefault(Sha256))
            .Must(IsSha256Hex).WithMessage("The whole file's SHA-256 as 64 hexadecimal digits is expected.")
            .OverridePropertyName(Sha256);
        RuleFor(c => c.Metadata.GetValueOrDefault(Category)).MaximumLength(100).OverridePropertyName(Category);
    }
}
