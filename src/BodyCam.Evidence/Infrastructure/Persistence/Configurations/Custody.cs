using BodyCam.Evidence.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class CustodyEventConfiguration : IEntityTypeConfiguration<CustodyEvent>
{
    public void Configure(EntityTypeBuilder<CustodyEvent> custody)
    {
        custody.ToTable("custody_events");
        custody.HasKey(e => e.Id);
        custody.HasIndex(e => e.Sequence).IsUnique();
        custody.HasIndex(e => e.EvidenceId);
        // The transparency report counts the events of a few actions within a period, on logs of millions of events.
        custody.HasIndex(e => new { e.Action, e.Time });
        custody.Property(e => e.ActorId).HasMaxLength(200);
        custody.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        custody.Property(e => e.ActorRole).HasMaxLength(50);
        custody.Property(e => e.ClientIp).HasMaxLength(64);
        custody.Property(e => e.Action).HasConversion<string>().HasMaxLength(50);
        custody.Property(e => e.ContentSha256).HasMaxLength(64);
        custody.Property(e => e.Reason).HasMaxLength(CustodyEvent.MaxReasonLength);
        custody.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
    }
}
