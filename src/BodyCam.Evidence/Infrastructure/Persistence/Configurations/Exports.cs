using System.Text.Json;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class ClipRequestConfiguration : IEntityTypeConfiguration<ClipRequest>
{
    public void Configure(EntityTypeBuilder<ClipRequest> request)
    {
        request.ToTable("clip_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.RequestedBy).HasMaxLength(200);
        request.Property(r => r.Purpose).HasMaxLength(2000);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.Watermark).HasMaxLength(300);
        request.Property(r => r.FirstApprovedBy).HasMaxLength(200);
        request.Property(r => r.FirstApprovalReason).HasMaxLength(2000);
        request.Property(r => r.DecidedBy).HasMaxLength(200);
        request.Property(r => r.DecisionReason).HasMaxLength(2000);
        request.Property(r => r.JobId).HasMaxLength(100);
        request.Property(r => r.FailureReason).HasMaxLength(2000);
        request.Property(r => r.Redactions).HasConversion(
            redactions => JsonSerializer.Serialize(redactions, ExportPackageFiles.Json),
            json => JsonSerializer.Deserialize<List<ClipRedaction>>(json, ExportPackageFiles.Json) ?? new List<ClipRedaction>(),
            new ValueComparer<IReadOnlyList<ClipRedaction>>(
                (a, b) => a!.SequenceEqual(b!), redactions => redactions.Aggregate(0, (hash, r) => HashCode.Combine(hash, r)), redactions => redactions.ToList()));
        request.HasIndex(r => r.RequestedBy);
        request.HasIndex(r => r.EvidenceId);
        request.HasIndex(r => new { r.Status, r.ProcessingStartedAt });
    }
}

internal sealed class EvidenceExportConfiguration : IEntityTypeConfiguration<EvidenceExport>
{
    public void Configure(EntityTypeBuilder<EvidenceExport> export)
    {
        export.ToTable("evidence_exports");
        export.HasKey(e => e.Id);
        export.Property(e => e.Recipient).HasMaxLength(200);
        export.Property(e => e.BlobName).HasMaxLength(200);
        export.Property(e => e.Sha256).HasMaxLength(64);
        export.Property(e => e.ClipSha256).HasMaxLength(64);
        export.HasIndex(e => e.ClipRequestId).IsUnique();
    }
}
