using BodyCam.Evidence.Domain.Cameras;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Categories;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Domain.People;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Infrastructure.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// The unit of work of every handler. Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class EvidenceDb : DbContext
{
    private readonly DbContextOptions _options;
    private readonly TimeProvider _clock;
    private bool _committedEventsAwaitIntegration;

    protected EvidenceDb(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration)
        : base(options)
    {
        _options = options;
        _clock = clock;
        Integration = integration;
        // Every save already runs in a transaction that is retried whole or not at all; a savepoint around
        // each save would only add two round trips.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>This process's integration rounds: the edge the last one left is where the next one starts.</summary>
    internal CustodyLogIntegration Integration { get; }

    public DbSet<CustodyEvent> CustodyEvents => Set<CustodyEvent>();
    public DbSet<Dock> Docks => Set<Dock>();
    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();
    public DbSet<LedgerCheckpoint> LedgerCheckpoints => Set<LedgerCheckpoint>();
    public DbSet<WitnessCosignature> WitnessCosignatures => Set<WitnessCosignature>();
    public DbSet<WitnessState> WitnessStates => Set<WitnessState>();
    public DbSet<DockToken> DockTokens => Set<DockToken>();
    public DbSet<BodyWornSystem> BodyWornSystems => Set<BodyWornSystem>();
    public DbSet<Officer> Officers => Set<Officer>();
    public DbSet<UnitAssignment> UnitAssignments => Set<UnitAssignment>();
    public DbSet<Camera> Cameras => Set<Camera>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<RecordingObject> RecordingObjects => Set<RecordingObject>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<GnssPoint> GnssPoints => Set<GnssPoint>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseLink> CaseLinks => Set<CaseLink>();
    public DbSet<EvidenceCategory> EvidenceCategories => Set<EvidenceCategory>();
    public DbSet<EvidenceNote> EvidenceNotes => Set<EvidenceNote>();
    public DbSet<EvidenceBookmark> EvidenceBookmarks => Set<EvidenceBookmark>();
    public DbSet<EvidenceReview> EvidenceReviews => Set<EvidenceReview>();
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();
    public DbSet<LegalHoldItem> LegalHoldItems => Set<LegalHoldItem>();
    public DbSet<DispositionRequest> DispositionRequests => Set<DispositionRequest>();
    public DbSet<DispositionCertificate> DispositionCertificates => Set<DispositionCertificate>();
    public DbSet<ViewSession> ViewSessions => Set<ViewSession>();
    public DbSet<ClipRequest> ClipRequests => Set<ClipRequest>();
    public DbSet<EvidenceExport> EvidenceExports => Set<EvidenceExport>();
    public DbSet<FootageRequest> FootageRequests => Set<FootageRequest>();
    public DbSet<FootageRequestItem> FootageRequestItems => Set<FootageRequestItem>();
    public DbSet<FootageRequestStep> FootageRequestSteps => Set<FootageRequestStep>();
    public DbSet<ReleaseCase> ReleaseCases => Set<ReleaseCase>();
    public DbSet<ReleaseCaseItem> ReleaseCaseItems => Set<ReleaseCaseItem>();
    public DbSet<ReleaseExtension> ReleaseExtensions => Set<ReleaseExtension>();
    public DbSet<ReleaseClip> ReleaseClips => Set<ReleaseClip>();
    public DbSet<ReleaseFile> ReleaseFiles => Set<ReleaseFile>();

    /// <summary>
    /// Takes the log's lock until the current transaction ends (serialising integration and checkpoint signing across
    /// connections), then reads the log's head and the first <paramref name="limit"/> committed events not yet in the
    /// log, in id order: on PostgreSQL in one round trip.
    /// </summary>
    internal abstract Task<(CustodyLogHead Head, List<UnsealedCustodyEvent> Unsealed)> LockLogAndReadUnsealedAsync(
        int limit, CancellationToken cancellationToken);

    /// <summary>Stores each seal in its row (refusing a row already sealed) and inserts the tree nodes, set-based where the database can.</summary>
    internal abstract Task WriteSealsAsync(IReadOnlyList<CustodyEventSeal> seals, IReadOnlyList<LedgerNode> nodes, CancellationToken cancellationToken);

    /// <summary>The stored hashes of these tree nodes, by position: every proof and tree head reads through here.</summary>
    internal virtual async Task<Dictionary<long, byte[]>> ReadLedgerNodesAsync(long[] positions, CancellationToken cancellationToken) =>
        await LedgerNodes.AsNoTracking().Where(n => positions.Contains(n.Position)).ToDictionaryAsync(n => n.Position, n => n.Hash, cancellationToken);

    /// <summary>Whether the item exists, and the item's events in the log, in ledger order: what a custody report needs before its proofs.</summary>
    internal virtual async Task<ItemCustody> ReadItemCustodyAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        var exists = await EvidenceItems.AnyAsync(e => e.Id == evidenceId, cancellationToken);
        var events = await CustodyEvents.AsNoTracking()
            .Where(e => e.EvidenceId == evidenceId && e.Sequence != null)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return new ItemCustody(exists, null, null, events);
    }

    /// <summary>
    /// Serialises the requests and the job that open, extend or close view sessions of these keys, until the current
    /// transaction ends. The locks are taken in one order whatever the keys' order, so two batches wait for each
    /// other but never deadlock.
    /// </summary>
    internal abstract Task LockViewSessionsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Locks as <see cref="LockViewSessionsAsync"/>, then applies each extension to its session only while the session
    /// is open and still has the request count the extension was computed from; returns the sessions extended.
    /// </summary>
    internal abstract Task<IReadOnlySet<Guid>> LockAndExtendViewSessionsAsync(
        IReadOnlyList<string> keys, IReadOnlyList<SessionExtension> extensions, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises changes to what hangs off these items (their categories) until the current transaction ends, so that
    /// two changes never both read the same rows and then both insert the same keys.
    /// </summary>
    internal abstract Task LockEvidenceItemsAsync(IReadOnlyCollection<Guid> evidenceIds, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the unit of work; the custody events it recorded are stamped with the time and committed unsequenced.
    /// Without a transaction of the caller's, the save commits at once and returns when its events are in the log;
    /// inside one, whoever commits it calls <see cref="IntegrateRecordedCustodyEventsAsync"/> afterwards.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var recorded = ChangeTracker.Entries<CustodyEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (recorded.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var now = _clock.GetUtcNow();
        recorded.ForEach(custodyEvent => custodyEvent.Stamp(now));
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        _committedEventsAwaitIntegration = true;
        if (Database.CurrentTransaction is null)
        {
            await IntegrateRecordedCustodyEventsAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>After the commit: returns once the custody events this unit of work committed are in the log.</summary>
    public async Task IntegrateRecordedCustodyEventsAsync(CancellationToken cancellationToken)
    {
        if (_committedEventsAwaitIntegration)
        {
            await IntegrateCommittedCustodyEventsAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Returns once every custody event committed before the call is in the log: an integration round that starts
    /// after the call seals them, whoever starts it (<see cref="CustodyLogIntegration"/>).
    /// </summary>
    public async Task IntegrateCommittedCustodyEventsAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Custody events are integrated after the transaction that recorded them has committed.");
        }
        await Integration.AwaitRoundAsync(async () =>
        {
            await using var round = OpenAnother(_options, _clock, Integration);
            await round.RunIntegrationRoundAsync();
        }, cancellationToken);
        _committedEventsAwaitIntegration = false;
        // Tracked copies of the sealed events still say they are unsequenced; a later query must read the rows.
        foreach (var stale in ChangeTracker.Entries<CustodyEvent>().Where(e => e.State == EntityState.Unchanged && e.Entity.Sequence is null).ToList())
        {
            stale.State = EntityState.Detached;
        }
    }

    /// <summary>Another context on the same database: an integration round must not share a caller's change tracker or connection.</summary>
    private protected abstract EvidenceDb OpenAnother(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: custody events are integrated into the log asynchronously.");

    /// <summary>Each entity's mapping is its own <see cref="IEntityTypeConfiguration{TEntity}"/>, under Configurations/ by domain area.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EvidenceDb).Assembly);
}

/// <summary>An item's sealed custody events in ledger order, and the checkpoint (signed note and tree size) asked for with them.</summary>
internal sealed record ItemCustody(bool ItemExists, string? CheckpointNote, long? CheckpointTreeSize, List<CustodyEvent> Events);

/// <summary>A view session's new ranges, request count and last request, valid only over the count it had (<see cref="RequestsBefore"/>).</summary>
internal readonly record struct SessionExtension(Guid Id, int RequestsBefore, string ServedRanges, int Requests, DateTimeOffset LastRequestAt);
