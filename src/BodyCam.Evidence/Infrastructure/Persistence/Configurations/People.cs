using BodyCam.Evidence.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> officer)
    {
        officer.ToTable("officers");
        officer.HasKey(o => o.OfficerId);
        officer.Property(o => o.OfficerId).HasMaxLength(64);
        officer.Property(o => o.Name).HasMaxLength(100);
        officer.Property(o => o.Unit).HasMaxLength(100);
        officer.HasIndex(o => o.AxisUserId).IsUnique();
    }
}

internal sealed class UnitAssignmentConfiguration : IEntityTypeConfiguration<UnitAssignment>
{
    public void Configure(EntityTypeBuilder<UnitAssignment> assignment)
    {
        assignment.ToTable("unit_assignments");
        assignment.HasKey(a => a.Id);
        assignment.Property(a => a.OfficerId).HasMaxLength(64);
        assignment.Property(a => a.Unit).HasMaxLength(100);
        assignment.Property(a => a.RecordedBy).HasMaxLength(200);
        assignment.HasIndex(a => new { a.OfficerId, a.From });
    }
}
