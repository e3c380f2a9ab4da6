using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// The unit of work of every handler. Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class EvidenceDb(DbContextOptions options, TimeProvider clock) : DbContext(options)
{
    public DbSet<CustodyEvent> CustodyEvents => Set<CustodyEvent>();
    public DbSet<Dock> Docks => Set<Dock>();

    /// <summary>Serialises custody appends across connections until the current transaction ends.</summary>
    protected abstract Task LockCustodyLogAsync(CancellationToken cancellationToken);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = PendingCustodyEvents();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await SealAsync(pending, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await Database.BeginTransactionAsync(ct);
            await SealAsync(pending, ct);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await transaction.CommitAsync(ct);
            return written;
        }, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: custody events are sealed asynchronously.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustodyEvent>(custody =>
        {
            custody.ToTable("custody_events");
            custody.HasKey(e => e.Id);
            custody.HasIndex(e => e.Sequence).IsUnique();
            custody.HasIndex(e => e.EvidenceId);
            custody.Property(e => e.ActorId).HasMaxLength(200);
            custody.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
            custody.Property(e => e.ActorRole).HasMaxLength(50);
            custody.Property(e => e.ClientIp).HasMaxLength(64);
            custody.Property(e => e.Action).HasConversion<string>().HasMaxLength(50);
            custody.Property(e => e.ContentSha256).HasMaxLength(64);
            custody.Property(e => e.Reason).HasMaxLength(2000);
            custody.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
            custody.Ignore(e => e.AppendOrder);
        });

        modelBuilder.Entity<Dock>(dock =>
        {
            dock.ToTable("docks");
            dock.HasKey(d => d.Id);
            dock.Property(d => d.Name).HasMaxLength(100);
            dock.Property(d => d.Site).HasMaxLength(100);
            dock.Property(d => d.KeySha256).HasMaxLength(64);
            dock.HasIndex(d => d.KeySha256).IsUnique();
            dock.Property(d => d.RegisteredBy).HasMaxLength(200);
        });
    }

    private List<CustodyEvent> PendingCustodyEvents() =>
        [.. ChangeTracker.Entries<CustodyEvent>()
            .Where(e => e.State == EntityState.Added && !e.Entity.IsSealed)
            .Select(e => e.Entity)
            .OrderBy(e => e.AppendOrder)];

    private async Task SealAsync(List<CustodyEvent> pending, CancellationToken cancellationToken)
    {
        await LockCustodyLogAsync(cancellationToken);
        var last = await CustodyEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken);
        var next = last + 1 ?? 0;
        foreach (var custodyEvent in pending)
        {
            custodyEvent.Seal(next++, clock.GetUtcNow());
        }
    }
}
