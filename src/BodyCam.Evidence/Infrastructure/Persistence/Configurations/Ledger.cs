using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence.Configurations;

internal sealed class LedgerNodeConfiguration : IEntityTypeConfiguration<LedgerNode>
{
    public void Configure(EntityTypeBuilder<LedgerNode> node)
    {
        node.ToTable("ledger_nodes");
        node.HasKey(n => n.Position);
        node.Property(n => n.Position).ValueGeneratedNever();
        node.Property(n => n.Hash).HasMaxLength(MerkleHash.Size);
    }
}

internal sealed class LedgerCheckpointConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> checkpoint)
    {
        checkpoint.ToTable("ledger_checkpoints");
        checkpoint.HasKey(c => c.TreeSize);
        checkpoint.Property(c => c.TreeSize).ValueGeneratedNever();
        checkpoint.Property(c => c.RootHash).HasMaxLength(MerkleHash.Size);
        checkpoint.Property(c => c.SignedNote).HasMaxLength(4000);
    }
}
