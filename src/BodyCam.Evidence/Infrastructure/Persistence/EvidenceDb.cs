using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Domain.Cameras;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Categories;
using BodyCam.Evidence.Domain.People;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// The unit of work of every handler. Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class EvidenceDb : DbContext
{
    private readonly DbContextOptions _options;
    private readonly TimeProvider _clock;
    private readonly CustodyLogIntegration _integration;
    private bool _committedEventsAwaitIntegration;

    protected EvidenceDb(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration)
        : base(options)
    {
        _options = options;
        _clock = clock;
        _integration = integration;
        // Every save already runs in a transaction that is retried whole or not at all; a savepoint around
        // each save would only add two round trips.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<CustodyEvent> CustodyEvents => Set<CustodyEvent>();
    public DbSet<Dock> Docks => Set<Dock>();
    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();
    public DbSet<LedgerCheckpoint> LedgerCheckpoints => Set<LedgerCheckpoint>();
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

    /// <summary>
    /// Takes the log's lock until the current transaction ends (serialising integration and checkpoint signing across
    /// connections), then reads the log's head and the first <paramref name="limit"/> committed events not yet in the
    /// log, in id order: on PostgreSQL in one round trip.
    /// </summary>
    private protected abstract Task<(CustodyLogHead Head, List<UnsealedCustodyEvent> Unsealed)> LockLogAndReadUnsealedAsync(
        int limit, CancellationToken cancellationToken);

    /// <summary>Stores each seal in its row (refusing a row already sealed) and inserts the tree nodes, set-based where the database can.</summary>
    private protected abstract Task WriteSealsAsync(IReadOnlyList<CustodyEventSeal> seals, IReadOnlyList<LedgerNode> nodes, CancellationToken cancellationToken);

    /// <summary>The stored hashes of these tree nodes, by position: every proof and tree head reads through here.</summary>
    internal virtual async Task<Dictionary<long, byte[]>> ReadLedgerNodesAsync(long[] positions, CancellationToken cancellationToken) =>
        await LedgerNodes.AsNoTracking().Where(n => positions.Contains(n.Position)).ToDictionaryAsync(n => n.Position, n => n.Hash, cancellationToken);

    /// <summary>
    /// Whether the item exists, the latest checkpoint if asked for, and the item's events in the log, in ledger
    /// order: what a custody report needs before its proofs.
    /// </summary>
    internal virtual async Task<ItemCustody> ReadItemCustodyAsync(Guid evidenceId, bool withLatestCheckpoint, CancellationToken cancellationToken)
    {
        var exists = await EvidenceItems.AnyAsync(e => e.Id == evidenceId, cancellationToken);
        var checkpoint = withLatestCheckpoint
            ? await LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken)
            : null;
        var events = await CustodyEvents.AsNoTracking()
            .Where(e => e.EvidenceId == evidenceId && e.Sequence != null)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return new ItemCustody(exists, checkpoint?.SignedNote, checkpoint?.TreeSize, events);
    }

    /// <summary>Serialises the requests and the job that open, extend or close view sessions of one key, until the current transaction ends.</summary>
    internal abstract Task LockViewSessionAsync(string key, CancellationToken cancellationToken);

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
        await _integration.AwaitRoundAsync(IntegrationRoundAsync, cancellationToken);
        _committedEventsAwaitIntegration = false;
        // Tracked copies of the sealed events still say they are unsequenced; a later query must read the rows.
        foreach (var stale in ChangeTracker.Entries<CustodyEvent>().Where(e => e.State == EntityState.Unchanged && e.Entity.Sequence is null).ToList())
        {
            stale.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Inside the current transaction, under the log's lock (which it takes): numbers every committed event that is
    /// not yet in the log, in id order (the order each process recorded them in), stores its entry and leaf hash, and
    /// the subtrees it completes. Returns the log's new right edge and last leaf, or null if it found nothing to seal.
    /// </summary>
    internal async Task<(CompactRange Edge, byte[] LastLeafHash)?> SealCommittedCustodyEventsAsync(CancellationToken cancellationToken)
    {
        const int Batch = 1000;
        CompactRange? edge = null;
        byte[]? lastLeafHash = null;
        while (true)
        {
            var (head, unsealed) = await LockLogAndReadUnsealedAsync(Batch, cancellationToken);
            if (unsealed.Count > 0)
            {
                edge ??= _integration.RememberedEdgeAt(head) ?? await this.ReadCompactRangeAsync(head.Size, cancellationToken);
                var seals = new List<CustodyEventSeal>(unsealed.Count);
                var nodes = new List<LedgerNode>(unsealed.Count * 2);
                foreach (var custodyEvent in unsealed)
                {
                    var sequence = edge.Size;
                    var entry = custodyEvent.InLogAt(sequence).ToCanonicalBytes();
                    lastLeafHash = MerkleHash.Leaf(entry);
                    seals.Add(new CustodyEventSeal(custodyEvent.Id, sequence, entry, lastLeafHash));
                    nodes.AddRange(LedgerTree.NodesOfLeaf(edge, sequence, lastLeafHash));
                }
                await WriteSealsAsync(seals, nodes, cancellationToken);
            }
            if (unsealed.Count < Batch)
            {
                return edge is null || lastLeafHash is null ? null : (edge, lastLeafHash);
            }
        }
    }

    /// <summary>Another context on the same database: an integration round must not share a caller's change tracker or connection.</summary>
    private protected abstract EvidenceDb OpenAnother(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration);

    private async Task IntegrationRoundAsync()
    {
        await using var db = OpenAnother(_options, _clock, _integration);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var sealedUpTo = await db.SealCommittedCustodyEventsAsync(ct);
            await transaction.CommitAsync(ct);
            if (sealedUpTo is var (edge, lastLeafHash))
            {
                _integration.Remember(edge, lastLeafHash);
            }
        }, CancellationToken.None);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: custody events are integrated into the log asynchronously.");

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
            custody.Property(e => e.Reason).HasMaxLength(CustodyEvent.MaxReasonLength);
            custody.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<LedgerNode>(node =>
        {
            node.ToTable("ledger_nodes");
            node.HasKey(n => n.Position);
            node.Property(n => n.Position).ValueGeneratedNever();
            node.Property(n => n.Hash).HasMaxLength(MerkleHash.Size);
        });

        modelBuilder.Entity<LedgerCheckpoint>(checkpoint =>
        {
            checkpoint.ToTable("ledger_checkpoints");
            checkpoint.HasKey(c => c.TreeSize);
            checkpoint.Property(c => c.TreeSize).ValueGeneratedNever();
            checkpoint.Property(c => c.RootHash).HasMaxLength(MerkleHash.Size);
            checkpoint.Property(c => c.SignedNote).HasMaxLength(4000);
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

        modelBuilder.Entity<DockToken>(token =>
        {
            token.ToTable("dock_tokens");
            token.HasKey(t => t.TokenSha256);
            token.Property(t => t.TokenSha256).HasMaxLength(64);
            token.HasIndex(t => t.ExpiresAt);
        });

        modelBuilder.Entity<BodyWornSystem>(system =>
        {
            system.ToTable("body_worn_systems");
            system.HasKey(s => s.SystemId);
            system.Property(s => s.SystemId).ValueGeneratedNever();
            system.Property(s => s.ConnectionId).HasMaxLength(100);
            system.Property(s => s.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<Officer>(officer =>
        {
            officer.ToTable("officers");
            officer.HasKey(o => o.OfficerId);
            officer.Property(o => o.OfficerId).HasMaxLength(64);
            officer.Property(o => o.Name).HasMaxLength(100);
            officer.Property(o => o.Unit).HasMaxLength(100);
            officer.HasIndex(o => o.AxisUserId).IsUnique();
        });

        modelBuilder.Entity<UnitAssignment>(assignment =>
        {
            assignment.ToTable("unit_assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.OfficerId).HasMaxLength(64);
            assignment.Property(a => a.Unit).HasMaxLength(100);
            assignment.Property(a => a.RecordedBy).HasMaxLength(200);
            assignment.HasIndex(a => new { a.OfficerId, a.From });
        });

        modelBuilder.Entity<Camera>(camera =>
        {
            camera.ToTable("cameras");
            camera.HasKey(c => c.Serial);
            camera.Property(c => c.Serial).HasMaxLength(64);
            camera.Property(c => c.Name).HasMaxLength(100);
            camera.Property(c => c.Model).HasMaxLength(64);
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Id).HasMaxLength(64);
            category.Property(c => c.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<Recording>(recording =>
        {
            recording.ToTable("recordings");
            recording.HasKey(r => r.Id);
            recording.Property(r => r.ContainerName).HasMaxLength(256);
            recording.HasIndex(r => new { r.DockId, r.ContainerName }).IsUnique();
            recording.Property(r => r.OfficerId).HasMaxLength(64);
            recording.Property(r => r.DeviceSerial).HasMaxLength(64);
            recording.Property(r => r.ScuSerial).HasMaxLength(64);
            recording.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            recording.Property(r => r.RejectedReason).HasMaxLength(1000);
            recording.Property(r => r.OriginalContainer).HasMaxLength(256);
            recording.HasIndex(r => new { r.OfficerId, r.TriggerOnTime });
            recording.HasIndex(r => new { r.DeviceSerial, r.TriggerOnTime });
            recording.Ignore(r => r.Metadata);
        });

        modelBuilder.Entity<RecordingObject>(recordingObject =>
        {
            recordingObject.ToTable("recording_objects");
            recordingObject.HasKey(o => o.Id);
            recordingObject.Property(o => o.Name).HasMaxLength(512);
            recordingObject.Property(o => o.Kind).HasConversion(kind => RecordingObjectKinds.Name(kind), name => RecordingObjectKinds.Parse(name)).HasMaxLength(20);
            recordingObject.Property(o => o.BlobName).HasMaxLength(200);
            recordingObject.Property(o => o.Sha256).HasMaxLength(64);
            recordingObject.HasIndex(o => new { o.RecordingId, o.Name });
            recordingObject.HasIndex(o => o.EvidenceId);
            recordingObject.Ignore(o => o.Metadata);
        });

        modelBuilder.Entity<Bookmark>(bookmark =>
        {
            bookmark.ToTable("bookmarks");
            bookmark.HasKey(b => b.Id);
            bookmark.Property(b => b.ObjectName).HasMaxLength(512);
            bookmark.Property(b => b.CategoryId).HasMaxLength(64);
            bookmark.Property(b => b.CategoryName).HasMaxLength(100);
            bookmark.Property(b => b.Tags).HasMaxLength(1000);
            bookmark.HasIndex(b => b.RecordingId);
            bookmark.HasIndex(b => b.CategoryId);
        });

        modelBuilder.Entity<GnssPoint>(point =>
        {
            point.ToTable("gnss_points");
            point.HasKey(p => new { p.RecordingId, p.Index });
        });

        modelBuilder.Entity<Case>(@case =>
        {
            @case.ToTable("cases");
            @case.HasKey(c => c.CaseNumber);
            @case.Property(c => c.CaseNumber).HasMaxLength(64);
            @case.Property(c => c.Title).HasMaxLength(200);
            @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            @case.Property(c => c.OpenedBy).HasMaxLength(200);
        });

        modelBuilder.Entity<CaseLink>(link =>
        {
            link.ToTable("case_links");
            link.HasKey(l => new { l.EvidenceId, l.CaseNumber });
            link.Property(l => l.CaseNumber).HasMaxLength(64);
            link.Property(l => l.LinkedBy).HasMaxLength(200);
            link.HasIndex(l => l.CaseNumber);
        });

        modelBuilder.Entity<EvidenceCategory>(category =>
        {
            category.ToTable("evidence_categories");
            category.HasKey(c => new { c.EvidenceId, c.CategoryId });
            category.Property(c => c.CategoryId).HasMaxLength(100);
            category.Property(c => c.AssignedBy).HasMaxLength(200);
            category.HasIndex(c => c.CategoryId);
        });

        modelBuilder.Entity<EvidenceNote>(note =>
        {
            note.ToTable("evidence_notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Text).HasMaxLength(4000);
            note.Property(n => n.Author).HasMaxLength(200);
            note.HasIndex(n => n.EvidenceId);
        });

        modelBuilder.Entity<EvidenceBookmark>(bookmark =>
        {
            bookmark.ToTable("evidence_bookmarks");
            bookmark.HasKey(b => b.Id);
            bookmark.Property(b => b.Label).HasMaxLength(500);
            bookmark.Property(b => b.Tags).HasMaxLength(1000);
            bookmark.Property(b => b.Author).HasMaxLength(200);
            bookmark.HasIndex(b => b.EvidenceId);
        });

        modelBuilder.Entity<EvidenceReview>(review =>
        {
            review.ToTable("evidence_reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
            review.Property(r => r.Comment).HasMaxLength(2000);
            review.Property(r => r.Reviewer).HasMaxLength(200);
            review.HasIndex(r => r.EvidenceId);
        });

        modelBuilder.Entity<LegalHold>(hold =>
        {
            hold.ToTable("legal_holds");
            hold.HasKey(h => h.Id);
            hold.Property(h => h.Reason).HasMaxLength(2000);
            hold.Property(h => h.Matter).HasMaxLength(200);
            hold.Property(h => h.CaseNumber).HasMaxLength(64);
            hold.Property(h => h.OfficerId).HasMaxLength(64);
            hold.Property(h => h.PlacedBy).HasMaxLength(200);
            hold.Property(h => h.ReleasedBy).HasMaxLength(200);
            hold.Property(h => h.ReleaseReason).HasMaxLength(2000);
            hold.Ignore(h => h.Active);
            hold.HasIndex(h => h.ReleasedAt);
        });

        modelBuilder.Entity<LegalHoldItem>(item =>
        {
            item.ToTable("legal_hold_items");
            item.HasKey(i => new { i.HoldId, i.EvidenceId });
            item.HasIndex(i => i.EvidenceId);
        });

        modelBuilder.Entity<DispositionRequest>(request =>
        {
            request.ToTable("disposition_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Reason).HasMaxLength(2000);
            request.Property(r => r.RequestedBy).HasMaxLength(200);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.ApprovedBy).HasMaxLength(200);
            request.Property(r => r.WithdrawnBy).HasMaxLength(200);
            request.Property(r => r.WithdrawReason).HasMaxLength(2000);
            request.HasIndex(r => new { r.EvidenceId, r.Status });
        });

        modelBuilder.Entity<DispositionCertificate>(certificate =>
        {
            certificate.ToTable("disposition_certificates");
            certificate.HasKey(c => c.Id);
        });

        modelBuilder.Entity<ViewSession>(session =>
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
        });

        modelBuilder.Entity<ClipRequest>(request =>
        {
            request.ToTable("clip_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.RequestedBy).HasMaxLength(200);
            request.Property(r => r.Purpose).HasMaxLength(2000);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.Watermark).HasMaxLength(300);
            request.Property(r => r.FirstApprovedBy).HasMaxLength(200);
            request.Property(r => r.FirstApprovalReason).HasMaxLength(2000);
            request.Property(r => r.DecidedBy).HasMaxLength(200);
            request.Property(r => r.DecisionReason).HasMaxLength(2000);
            request.Property(r => r.JobId).HasMaxLength(100);
            request.Property(r => r.FailureReason).HasMaxLength(2000);
            request.Property(r => r.Redactions).HasConversion(
                redactions => JsonSerializer.Serialize(redactions, ExportPackageFiles.Json),
                json => JsonSerializer.Deserialize<List<ClipRedaction>>(json, ExportPackageFiles.Json) ?? new List<ClipRedaction>(),
                new ValueComparer<IReadOnlyList<ClipRedaction>>(
                    (a, b) => a!.SequenceEqual(b!), redactions => redactions.Aggregate(0, (hash, r) => HashCode.Combine(hash, r)), redactions => redactions.ToList()));
            request.HasIndex(r => r.RequestedBy);
            request.HasIndex(r => r.EvidenceId);
            request.HasIndex(r => new { r.Status, r.ProcessingStartedAt });
        });

        modelBuilder.Entity<EvidenceExport>(export =>
        {
            export.ToTable("evidence_exports");
            export.HasKey(e => e.Id);
            export.Property(e => e.Recipient).HasMaxLength(200);
            export.Property(e => e.BlobName).HasMaxLength(200);
            export.Property(e => e.Sha256).HasMaxLength(64);
            export.Property(e => e.ClipSha256).HasMaxLength(64);
            export.HasIndex(e => e.ClipRequestId).IsUnique();
        });

        modelBuilder.Entity<Upload>(upload =>
        {
            upload.ToTable("uploads");
            upload.HasKey(u => u.Id);
            upload.Property(u => u.Id).HasMaxLength(32);
            upload.Property(u => u.BlobName).HasMaxLength(200);
            upload.Property(u => u.MetadataHeader).HasMaxLength(8192);
            upload.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
            upload.HasIndex(u => new { u.Status, u.ExpiresAt });
            upload.HasIndex(u => u.EvidenceId).IsUnique();
            upload.ComplexProperty(u => u.Recording, ConfigureRecording);
        });

        modelBuilder.Entity<EvidenceItem>(item =>
        {
            item.ToTable("evidence_items");
            item.HasKey(e => e.Id);
            item.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            item.Property(e => e.BlobName).HasMaxLength(200);
            item.Property(e => e.StreamSha256).HasMaxLength(64);
            item.Property(e => e.StoredSha256).HasMaxLength(64);
            item.Property(e => e.UploadId).HasMaxLength(32);
            item.Property(e => e.QuarantineReason).HasMaxLength(1000);
            item.Property(e => e.ProbeStatus).HasConversion<string>().HasMaxLength(20);
            item.Property(e => e.ProbeFailure).HasMaxLength(1000);
            item.Property(e => e.PosterBlobName).HasMaxLength(200);
            item.Property(e => e.OfficerUnit).HasMaxLength(100);
            item.Property(e => e.Disposition).HasConversion<string>().HasMaxLength(30);
            item.HasIndex(e => new { e.Disposition, e.RetainUntil });
            item.Ignore(e => e.RetentionStart);
            item.HasIndex(e => new { e.Status, e.ReceivedAt });
            item.HasIndex(e => new { e.ProbeStatus, e.VerifiedAt });
            item.HasIndex(e => new { e.Status, e.LastFixityCheckAt });
            item.HasIndex(e => e.RecordingId);
            // Search lists newest first by (RecordedAt, Id), scanning one of these backwards. With RecordedUntil in the
            // key, a time range is checked in the index, not on each row. The officer's and the device's (columns of
            // the complex Recording, which EF cannot index) are written by hand in each database's InitialCreate.
            item.HasIndex(e => new { e.RecordedAt, e.Id });
            item.HasIndex(e => new { e.OfficerUnit, e.RecordedAt, e.RecordedUntil });
            item.HasIndex(e => new { e.Status, e.RecordedAt, e.RecordedUntil });
            item.ComplexProperty(e => e.Recording, ConfigureRecording);
            item.ComplexProperty(e => e.Media, media =>
            {
                media.Property(m => m.Container).HasMaxLength(100);
                media.Property(m => m.VideoCodec).HasMaxLength(50);
                media.Property(m => m.AudioCodec).HasMaxLength(50);
            });
        });
    }

    private static void ConfigureRecording(ComplexPropertyBuilder<RecordingFacts> recording)
    {
        recording.Property(r => r.FileName).HasMaxLength(255);
        recording.Property(r => r.ContentType).HasMaxLength(100);
        recording.Property(r => r.DeviceSerial).HasMaxLength(64);
        recording.Property(r => r.OfficerId).HasMaxLength(64);
        recording.Property(r => r.DeclaredSha256).HasMaxLength(64);
        recording.Property(r => r.Category).HasMaxLength(100);
    }
}

/// <summary>An item's sealed custody events in ledger order, and the checkpoint (signed note and tree size) asked for with them.</summary>
internal sealed record ItemCustody(bool ItemExists, string? CheckpointNote, long? CheckpointTreeSize, List<CustodyEvent> Events);
