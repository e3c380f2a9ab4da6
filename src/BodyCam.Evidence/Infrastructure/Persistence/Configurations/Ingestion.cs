using BodyCam.Evidence.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> upload)
    {
        upload.ToTable("uploads");
        upload.HasKey(u => u.Id);
        upload.Property(u => u.Id).HasMaxLength(32);
        upload.Property(u => u.BlobName).HasMaxLength(200);
        upload.Property(u => u.MetadataHeader).HasMaxLength(8192);
        upload.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        upload.HasIndex(u => new { u.Status, u.ExpiresAt });
        upload.HasIndex(u => u.EvidenceId).IsUnique();
        upload.ComplexProperty(u => u.Recording, RecordingFactsConfiguration.Configure);
    }
}
