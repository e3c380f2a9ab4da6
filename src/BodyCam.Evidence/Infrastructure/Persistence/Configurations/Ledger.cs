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

internal sealed class WitnessCosignatureConfiguration : IEntityTypeConfiguration<WitnessCosignature>
{
    public void Configure(EntityTypeBuilder<WitnessCosignature> cosignature)
    {
        cosignature.ToTable("witness_cosignatures");
        cosignature.HasKey(c => new { c.TreeSize, c.WitnessKey });
        cosignature.Property(c => c.WitnessKey).HasMaxLength(WitnessStateConfiguration.KeyLength);
        cosignature.Property(c => c.SignatureLine).HasMaxLength(1000);
        cosignature.HasOne<LedgerCheckpoint>().WithMany().HasForeignKey(c => c.TreeSize).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WitnessStateConfiguration : IEntityTypeConfiguration<WitnessState>
{
    /// <summary>A verifier key: a name of a few hundred characters at most, and under 60 of key ID and key.</summary>
    internal const int KeyLength = 500;

    public void Configure(EntityTypeBuilder<WitnessState> state)
    {
        state.ToTable("witness_states");
        state.HasKey(s => s.WitnessKey);
        state.Property(s => s.WitnessKey).HasMaxLength(KeyLength);
        state.Property(s => s.LastOutcome).HasMaxLength(1000);
    }
}
