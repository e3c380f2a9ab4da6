using BodyCam.Evidence.Domain.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> recording)
    {
        recording.ToTable("recordings");
        recording.HasKey(r => r.Id);
        recording.Property(r => r.ContainerName).HasMaxLength(256);
        recording.HasIndex(r => new { r.DockId, r.ContainerName }).IsUnique();
        recording.Property(r => r.OfficerId).HasMaxLength(64);
        recording.Property(r => r.DeviceSerial).HasMaxLength(64);
        recording.Property(r => r.ScuSerial).HasMaxLength(64);
        recording.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        recording.Property(r => r.RejectedReason).HasMaxLength(1000);
        recording.Property(r => r.OriginalContainer).HasMaxLength(256);
        recording.HasIndex(r => new { r.OfficerId, r.TriggerOnTime });
        recording.HasIndex(r => new { r.DeviceSerial, r.TriggerOnTime });
        recording.Ignore(r => r.Metadata);
    }
}

internal sealed class RecordingObjectConfiguration : IEntityTypeConfiguration<RecordingObject>
{
    public void Configure(EntityTypeBuilder<RecordingObject> recordingObject)
    {
        recordingObject.ToTable("recording_objects");
        recordingObject.HasKey(o => o.Id);
        recordingObject.Property(o => o.Name).HasMaxLength(512);
        recordingObject.Property(o => o.Kind).HasConversion(kind => RecordingObjectKinds.Name(kind), name => RecordingObjectKinds.Parse(name)).HasMaxLength(20);
        recordingObject.Property(o => o.BlobName).HasMaxLength(200);
        recordingObject.Property(o => o.Sha256).HasMaxLength(64);
        recordingObject.HasIndex(o => new { o.RecordingId, o.Name });
        recordingObject.HasIndex(o => o.EvidenceId);
        recordingObject.Ignore(o => o.Metadata);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> bookmark)
    {
        bookmark.ToTable("bookmarks");
        bookmark.HasKey(b => b.Id);
        bookmark.Property(b => b.ObjectName).HasMaxLength(512);
        bookmark.Property(b => b.CategoryId).HasMaxLength(64);
        bookmark.Property(b => b.CategoryName).HasMaxLength(100);
        bookmark.Property(b => b.Tags).HasMaxLength(1000);
        bookmark.HasIndex(b => b.RecordingId);
        bookmark.HasIndex(b => b.CategoryId);
    }
}

internal sealed class GnssPointConfiguration : IEntityTypeConfiguration<GnssPoint>
{
    public void Configure(EntityTypeBuilder<GnssPoint> point)
    {
        point.ToTable("gnss_points");
        point.HasKey(p => new { p.RecordingId, p.Index });
    }
}
