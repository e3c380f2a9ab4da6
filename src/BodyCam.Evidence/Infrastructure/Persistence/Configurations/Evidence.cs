using BodyCam.Evidence.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> item)
    {
        item.ToTable("evidence_items");
        item.HasKey(e => e.Id);
        item.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        item.Property(e => e.BlobName).HasMaxLength(200);
        item.Property(e => e.StreamSha256).HasMaxLength(64);
        item.Property(e => e.StoredSha256).HasMaxLength(64);
        item.Property(e => e.UploadId).HasMaxLength(32);
        item.Property(e => e.QuarantineReason).HasMaxLength(1000);
        item.Property(e => e.ProbeStatus).HasConversion<string>().HasMaxLength(20);
        item.Property(e => e.ProbeFailure).HasMaxLength(1000);
        item.Property(e => e.PosterBlobName).HasMaxLength(200);
        item.Property(e => e.OfficerUnit).HasMaxLength(100);
        item.Property(e => e.Disposition).HasConversion<string>().HasMaxLength(30);
        item.HasIndex(e => new { e.Disposition, e.RetainUntil });
        item.Ignore(e => e.RetentionStart);
        item.HasIndex(e => new { e.Status, e.ReceivedAt });
        item.HasIndex(e => new { e.ProbeStatus, e.VerifiedAt });
        item.HasIndex(e => new { e.Status, e.LastFixityCheckAt });
        item.HasIndex(e => e.RecordingId);
        // Search lists newest first by (RecordedAt, Id), scanning one of these backwards. With RecordedUntil in the
        // key, a time range is checked in the index, not on each row. The officer's and the device's (columns of
        // the complex Recording, which EF cannot index) are written by hand in each database's InitialCreate.
        item.HasIndex(e => new { e.RecordedAt, e.Id });
        item.HasIndex(e => new { e.OfficerUnit, e.RecordedAt, e.RecordedUntil });
        item.HasIndex(e => new { e.Status, e.RecordedAt, e.RecordedUntil });
        item.ComplexProperty(e => e.Recording, RecordingFactsConfiguration.Configure);
        item.ComplexProperty(e => e.Media, media =>
        {
            media.Property(m => m.Container).HasMaxLength(100);
            media.Property(m => m.VideoCodec).HasMaxLength(50);
            media.Property(m => m.AudioCodec).HasMaxLength(50);
        });
    }
}
