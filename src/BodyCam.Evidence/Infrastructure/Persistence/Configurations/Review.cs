using BodyCam.Evidence.Domain.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class EvidenceCategoryConfiguration : IEntityTypeConfiguration<EvidenceCategory>
{
    public void Configure(EntityTypeBuilder<EvidenceCategory> category)
    {
        category.ToTable("evidence_categories");
        category.HasKey(c => new { c.EvidenceId, c.CategoryId });
        category.Property(c => c.CategoryId).HasMaxLength(100);
        category.Property(c => c.AssignedBy).HasMaxLength(200);
        category.HasIndex(c => c.CategoryId);
    }
}

internal sealed class EvidenceNoteConfiguration : IEntityTypeConfiguration<EvidenceNote>
{
    public void Configure(EntityTypeBuilder<EvidenceNote> note)
    {
        note.ToTable("evidence_notes");
        note.HasKey(n => n.Id);
        note.Property(n => n.Text).HasMaxLength(4000);
        note.Property(n => n.Author).HasMaxLength(200);
        note.HasIndex(n => n.EvidenceId);
    }
}

internal sealed class EvidenceBookmarkConfiguration : IEntityTypeConfiguration<EvidenceBookmark>
{
    public void Configure(EntityTypeBuilder<EvidenceBookmark> bookmark)
    {
        bookmark.ToTable("evidence_bookmarks");
        bookmark.HasKey(b => b.Id);
        bookmark.Property(b => b.Label).HasMaxLength(500);
        bookmark.Property(b => b.Tags).HasMaxLength(1000);
        bookmark.Property(b => b.Author).HasMaxLength(200);
        bookmark.HasIndex(b => b.EvidenceId);
    }
}

internal sealed class EvidenceReviewConfiguration : IEntityTypeConfiguration<EvidenceReview>
{
    public void Configure(EntityTypeBuilder<EvidenceReview> review)
    {
        review.ToTable("evidence_reviews");
        review.HasKey(r => r.Id);
        review.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        review.Property(r => r.Comment).HasMaxLength(2000);
        review.Property(r => r.Reviewer).HasMaxLength(200);
        review.HasIndex(r => r.EvidenceId);
    }
}
