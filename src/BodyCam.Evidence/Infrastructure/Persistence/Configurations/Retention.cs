using BodyCam.Evidence.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> hold)
    {
        hold.ToTable("legal_holds");
        hold.HasKey(h => h.Id);
        hold.Property(h => h.Reason).HasMaxLength(2000);
        hold.Property(h => h.Matter).HasMaxLength(200);
        hold.Property(h => h.CaseNumber).HasMaxLength(64);
        hold.Property(h => h.OfficerId).HasMaxLength(64);
        hold.Property(h => h.PlacedBy).HasMaxLength(200);
        hold.Property(h => h.ReleasedBy).HasMaxLength(200);
        hold.Property(h => h.ReleaseReason).HasMaxLength(2000);
        hold.Ignore(h => h.Active);
        hold.HasIndex(h => h.ReleasedAt);
    }
}

internal sealed class LegalHoldItemConfiguration : IEntityTypeConfiguration<LegalHoldItem>
{
    public void Configure(EntityTypeBuilder<LegalHoldItem> item)
    {
        item.ToTable("legal_hold_items");
        item.HasKey(i => new { i.HoldId, i.EvidenceId });
        item.HasIndex(i => i.EvidenceId);
    }
}

internal sealed class DispositionRequestConfiguration : IEntityTypeConfiguration<DispositionRequest>
{
    public void Configure(EntityTypeBuilder<DispositionRequest> request)
    {
        request.ToTable("disposition_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Reason).HasMaxLength(2000);
        request.Property(r => r.RequestedBy).HasMaxLength(200);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.ApprovedBy).HasMaxLength(200);
        request.Property(r => r.WithdrawnBy).HasMaxLength(200);
        request.Property(r => r.WithdrawReason).HasMaxLength(2000);
        request.HasIndex(r => new { r.EvidenceId, r.Status });
    }
}

internal sealed class DispositionCertificateConfiguration : IEntityTypeConfiguration<DispositionCertificate>
{
    public void Configure(EntityTypeBuilder<DispositionCertificate> certificate)
    {
        certificate.ToTable("disposition_certificates");
        certificate.HasKey(c => c.Id);
    }
}
