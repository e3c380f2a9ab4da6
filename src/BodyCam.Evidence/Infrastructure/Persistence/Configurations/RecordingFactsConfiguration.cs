using BodyCam.Evidence.Domain.Evidence;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

/// <summary>A recording's facts as an upload and the evidence item it becomes each keep them, column for column.</summary>
internal static class RecordingFactsConfiguration
{
    public static void Configure(ComplexPropertyBuilder<RecordingFacts> recording)
    {
    recording.Property(r => r.FileName).HasMaxLength(255);
    recording.Property(r => r.ContentType).HasMaxLength(100);
    recording.Property(r => r.DeviceSerial).HasMaxLength(64);
    recording.Property(r => r.OfficerId).HasMaxLength(64);
    recording.Property(r => r.DeclaredSha256).HasMaxLength(64);
    recording.Property(r => r.Category).HasMaxLength(100);
    }
}
