using BodyCam.Evidence.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class ReleaseCaseConfiguration : IEntityTypeConfiguration<ReleaseCase>
{
    public void Configure(EntityTypeBuilder<ReleaseCase> releaseCase)
    {
        releaseCase.ToTable("release_cases");
        releaseCase.HasKey(c => c.Id);
        releaseCase.Property(c => c.Title).HasMaxLength(200);
        releaseCase.Property(c => c.Description).HasMaxLength(4000);
        releaseCase.Property(c => c.RuleName).HasMaxLength(64);
        releaseCase.Property(c => c.OpenedBy).HasMaxLength(200);
        releaseCase.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        releaseCase.Property(c => c.ApprovedBy).HasMaxLength(200);
        releaseCase.Property(c => c.ApprovalReason).HasMaxLength(2000);
        releaseCase.Property(c => c.PublishedBy).HasMaxLength(200);
        releaseCase.HasIndex(c => new { c.Status, c.DueOn });
        releaseCase.HasIndex(c => c.PublishedAt);
    }
}

internal sealed class ReleaseCaseItemConfiguration : IEntityTypeConfiguration<ReleaseCaseItem>
{
    public void Configure(EntityTypeBuilder<ReleaseCaseItem> item)
    {
        item.ToTable("release_case_items");
        item.HasKey(i => new { i.CaseId, i.EvidenceId });
        item.HasIndex(i => i.EvidenceId);
    }
}

internal sealed class ReleaseExtensionConfiguration : IEntityTypeConfiguration<ReleaseExtension>
{
    public void Configure(EntityTypeBuilder<ReleaseExtension> extension)
    {
        extension.ToTable("release_extensions");
        extension.HasKey(e => e.Id);
        extension.Property(e => e.Reason).HasMaxLength(2000);
        extension.Property(e => e.ExtendedBy).HasMaxLength(200);
        extension.HasIndex(e => e.CaseId);
    }
}

internal sealed class ReleaseClipConfiguration : IEntityTypeConfiguration<ReleaseClip>
{
    public void Configure(EntityTypeBuilder<ReleaseClip> clip)
    {
        clip.ToTable("release_clips");
        clip.HasKey(c => new { c.CaseId, c.ClipRequestId });
        clip.HasIndex(c => c.ClipRequestId).IsUnique();
    }
}

internal sealed class ReleaseFileConfiguration : IEntityTypeConfiguration<ReleaseFile>
{
    public void Configure(EntityTypeBuilder<ReleaseFile> file)
    {
        file.ToTable("release_files");
        file.HasKey(f => new { f.CaseId, f.Name });
        file.Property(f => f.Name).HasMaxLength(100);
        file.Property(f => f.BlobName).HasMaxLength(200);
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.Property(f => f.Sha256).HasMaxLength(64);
    }
}
