using BodyCam.Evidence.Domain.Cameras;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class CameraConfiguration : IEntityTypeConfiguration<Camera>
{
    public void Configure(EntityTypeBuilder<Camera> camera)
    {
        camera.ToTable("cameras");
        camera.HasKey(c => c.Serial);
        camera.Property(c => c.Serial).HasMaxLength(64);
        camera.Property(c => c.Name).HasMaxLength(100);
        camera.Property(c => c.Model).HasMaxLength(64);
    }
}
