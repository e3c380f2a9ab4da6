using BodyCam.Evidence.Domain.Docks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class DockConfiguration : IEntityTypeConfiguration<Dock>
{
    public void Configure(EntityTypeBuilder<Dock> dock)
    {
        dock.ToTable("docks");
        dock.HasKey(d => d.Id);
        dock.Property(d => d.Name).HasMaxLength(100);
        dock.Property(d => d.Site).HasMaxLength(100);
        dock.Property(d => d.KeySha256).HasMaxLength(64);
        dock.HasIndex(d => d.KeySha256).IsUnique();
        dock.Property(d => d.RegisteredBy).HasMaxLength(200);
    }
}

internal sealed class DockTokenConfiguration : IEntityTypeConfiguration<DockToken>
{
    public void Configure(EntityTypeBuilder<DockToken> token)
    {
        token.ToTable("dock_tokens");
        token.HasKey(t => t.TokenSha256);
        token.Property(t => t.TokenSha256).HasMaxLength(64);
        token.HasIndex(t => t.ExpiresAt);
    }
}

internal sealed class BodyWornSystemConfiguration : IEntityTypeConfiguration<BodyWornSystem>
{
    public void Configure(EntityTypeBuilder<BodyWornSystem> system)
    {
        system.ToTable("body_worn_systems");
        system.HasKey(s => s.SystemId);
        system.Property(s => s.SystemId).ValueGeneratedNever();
        system.Property(s => s.ConnectionId).HasMaxLength(100);
        system.Property(s => s.Name).HasMaxLength(100);
    }
}
