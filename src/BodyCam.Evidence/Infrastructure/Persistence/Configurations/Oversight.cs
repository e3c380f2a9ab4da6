using BodyCam.Evidence.Domain.Oversight;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class FootageRequestConfiguration : IEntityTypeConfiguration<FootageRequest>
{
    public void Configure(EntityTypeBuilder<FootageRequest> request)
    {
        request.ToTable("footage_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.RequestedBy).HasMaxLength(200);
        request.Property(r => r.CaseNumber).HasMaxLength(64);
        request.Property(r => r.ComplaintReference).HasMaxLength(100);
        request.Property(r => r.OfficerId).HasMaxLength(64);
        request.Property(r => r.Description).HasMaxLength(4000);
        request.Property(r => r.Purpose).HasMaxLength(2000);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.AnsweredBy).HasMaxLength(200);
        request.HasIndex(r => new { r.RequestedBy, r.ReceivedAt });
        request.HasIndex(r => r.ReceivedAt);
        request.HasIndex(r => new { r.Status, r.DueAt });
    }
}

internal sealed class FootageRequestItemConfiguration : IEntityTypeConfiguration<FootageRequestItem>
{
    public void Configure(EntityTypeBuilder<FootageRequestItem> item)
    {
        item.ToTable("footage_request_items");
        item.HasKey(i => new { i.FootageRequestId, i.EvidenceId });
        item.Property(i => i.AttachedBy).HasMaxLength(200);
        item.HasIndex(i => i.ClipRequestId);
    }
}

internal sealed class FootageRequestStepConfiguration : IEntityTypeConfiguration<FootageRequestStep>
{
    public void Configure(EntityTypeBuilder<FootageRequestStep> step)
    {
        step.ToTable("footage_request_steps");
        step.HasKey(s => s.Id);
        step.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        step.Property(s => s.By).HasMaxLength(200);
        step.Property(s => s.Note).HasMaxLength(2000);
        step.HasIndex(s => new { s.FootageRequestId, s.At });
    }
}
