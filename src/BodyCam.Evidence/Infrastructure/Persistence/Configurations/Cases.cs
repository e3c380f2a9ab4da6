using BodyCam.Evidence.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.ToTable("cases");
        @case.HasKey(c => c.CaseNumber);
        @case.Property(c => c.CaseNumber).HasMaxLength(64);
        @case.Property(c => c.Title).HasMaxLength(200);
        @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        @case.Property(c => c.OpenedBy).HasMaxLength(200);
    }
}

internal sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> link)
    {
        link.ToTable("case_links");
        link.HasKey(l => new { l.EvidenceId, l.CaseNumber });
        link.Property(l => l.CaseNumber).HasMaxLength(64);
        link.Property(l => l.LinkedBy).HasMaxLength(200);
        link.HasIndex(l => l.CaseNumber);
    }
}
