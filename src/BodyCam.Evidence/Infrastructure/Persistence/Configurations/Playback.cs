using BodyCam.Evidence.Domain.Playback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class ViewSessionConfiguration : IEntityTypeConfiguration<ViewSession>
{
    public void Configure(EntityTypeBuilder<ViewSession> session)
    {
        session.ToTable("view_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Key).HasMaxLength(64);
        session.HasIndex(s => s.Key).IsUnique().HasFilter("closed_at IS NULL");
        session.HasIndex(s => s.LastRequestAt).HasFilter("closed_at IS NULL");
        session.HasIndex(s => s.EvidenceId);
        session.Property(s => s.ContentSha256).HasMaxLength(64);
        session.Property(s => s.ActorId).HasMaxLength(200);
        session.Property(s => s.ActorKind).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.ActorRole).HasMaxLength(50);
        session.Property(s => s.ClientIp).HasMaxLength(64);
        session.Property(s => s.Reason).HasMaxLength(500);
        session.Ignore(s => s.Viewer);
    }
}
